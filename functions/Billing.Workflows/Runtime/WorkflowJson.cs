using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Workflows.Runtime;

/// <summary>
/// How workflow types write their state, inputs, outputs and event data: JSON with web naming (camelCase) and enums
/// by name, so a stored instance reads the same in the admin API as in its history.
/// </summary>
public static class WorkflowJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty {typeof(T).Name}");
}
