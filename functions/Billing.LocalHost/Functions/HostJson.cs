using System.Globalization;
using System.Text.Json;

namespace Billing.LocalHost.Functions;

/// <summary>
/// The settings of the function app's <c>host.json</c> that the local host honours, with the Functions defaults for
/// what the file leaves out: the HTTP route prefix, and the queue trigger's batch size, new-batch threshold, maximum
/// dequeue count (then <c>&lt;queue&gt;-poison</c>), maximum polling interval, visibility timeout after a failure and
/// message encoding, and the Durable task hub's name (<c>extensions.durableTask.hubName</c>; Functions' default
/// <c>TestHubName</c> when absent). Logging is the Functions host's; the local host configures it from its own settings.
/// </summary>
public sealed record HostJson(
    string RoutePrefix,
    int QueueBatchSize,
    int QueueNewBatchThreshold,
    int QueueMaxDequeueCount,
    TimeSpan QueueMaxPollingInterval,
    TimeSpan QueueVisibilityTimeout,
    string QueueMessageEncoding,
    string DurableHubName)
{
    public const string FileName = "host.json";

    /// <summary>The file next to the host's assembly (copied there from the function app by the build).</summary>
    public static HostJson Load() => Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, FileName)));

    public static HostJson Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        JsonElement extensions = Property(document.RootElement, "extensions");
        JsonElement http = Property(extensions, "http");
        JsonElement queues = Property(extensions, "queues");
        JsonElement durable = Property(extensions, "durableTask");
        int batchSize = Int(queues, "batchSize", 16);
        return new HostJson(
            String(http, "routePrefix", "api"),
            batchSize,
            Int(queues, "newBatchThreshold", batchSize / 2),
            Int(queues, "maxDequeueCount", 5),
            Span(queues, "maxPollingInterval", TimeSpan.FromMinutes(1)),
            Span(queues, "visibilityTimeout", TimeSpan.Zero),
            String(queues, "messageEncoding", "base64"),
            String(durable, "hubName", "TestHubName"));
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? value : default;

    private static string String(JsonElement element, string name, string fallback) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : fallback;

    private static int Int(JsonElement element, string name, int fallback) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : fallback;

    private static TimeSpan Span(JsonElement element, string name, TimeSpan fallback) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture) : fallback;
}
