using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Billing.Infra.Tests.Code;

/// <summary>
/// The bindings of the function app as its build wrote them in <c>functions/Billing.Functions/bin/&lt;config&gt;/net10.0/functions.metadata</c>,
/// which is what Azure Functions indexes: queue names, connection names and <c>%setting%</c> expressions.
/// </summary>
public static partial class FunctionAppMetadata
{
    /// <summary>Every binding of every function, as JSON.</summary>
    public static IReadOnlyList<JsonObject> Bindings()
    {
        string configuration = typeof(FunctionAppMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string path = Path.Combine(RepositoryRoot.Path, "functions", "Billing.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the build of functions/Billing.Functions writes it");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .SelectMany(f => f!["bindings"]!.AsArray())
            .OfType<JsonObject>()
            .ToArray();
    }

    /// <summary>The queues the queue-triggered functions listen on.</summary>
    public static IReadOnlyList<string> TriggerQueues() =>
        Bindings().Where(b => b["type"]?.GetValue<string>() == "queueTrigger")
            .Select(b => b["queueName"]!.GetValue<string>())
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The app settings the Functions host itself must resolve: each <c>%name%</c> in a binding (timer schedules, ...)
    /// and each binding's <c>connection</c>, as app setting names (<c>:</c> written <c>__</c>); always
    /// <c>AzureWebJobsStorage</c>, the host's own storage.
    /// </summary>
    public static IReadOnlyList<string> HostResolvedSettings() =>
        Bindings().SelectMany(b => b.Select(p => p.Value).OfType<JsonValue>()
                .Select(v => v.TryGetValue(out string? s) ? s : null)
                .OfType<string>()
                .SelectMany(s => Expression().Matches(s).Select(m => m.Groups[1].Value))
                .Concat(b["connection"]?.GetValue<string>() is { Length: > 0 } c ? [c] : []))
            .Select(name => name.Replace(":", "__", StringComparison.Ordinal))
            .Prepend("AzureWebJobsStorage")
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Expression();
}
