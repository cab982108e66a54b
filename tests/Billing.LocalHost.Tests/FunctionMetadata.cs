using System.Reflection;
using System.Text.Json;
using Billing.Storage.Emulator;

namespace Billing.LocalHost.Tests;

/// <summary>
/// One function of the function app as the worker SDK's build wrote it in <c>functions.metadata</c>: its name, and its
/// trigger as one line (<c>GET /api/health</c>, <c>queue usage-batches</c>, <c>timer %Billing:SettlementSchedule%</c>);
/// an HTTP function with several methods gives one line per method.
/// </summary>
public sealed record FunctionMetadata(string Name, string TriggerType, IReadOnlyList<string> Triggers, string AuthLevel)
{
    /// <summary>
    /// The file the build of <c>functions/Billing.Functions</c> wrote for this test run's configuration (Debug or
    /// Release): what <c>func start</c> and Azure would index.
    /// </summary>
    public static IReadOnlyList<FunctionMetadata> ReadBuilt()
    {
        string configuration = typeof(FunctionMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string path = Path.Combine(RepositoryRoot.Find(), "functions", "Billing.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the build of functions/Billing.Functions writes it");
        return Read(File.ReadAllText(path));
    }

    public static IReadOnlyList<FunctionMetadata> Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var functions = new List<FunctionMetadata>();
        foreach (JsonElement function in document.RootElement.EnumerateArray())
        {
            JsonElement trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string type = trigger.GetProperty("type").GetString()!;
            IReadOnlyList<string> lines = type switch
            {
                "httpTrigger" => trigger.GetProperty("methods").EnumerateArray()
                    .Select(m => $"{m.GetString()!.ToUpperInvariant()} /api/{trigger.GetProperty("route").GetString()}")
                    .ToArray(),
                "queueTrigger" => [$"queue {trigger.GetProperty("queueName").GetString()}"],
                "timerTrigger" => [$"timer {trigger.GetProperty("schedule").GetString()}"],
                _ => [type],
            };
            string authLevel = trigger.TryGetProperty("authLevel", out JsonElement level) ? level.GetString()! : string.Empty;
            functions.Add(new FunctionMetadata(function.GetProperty("name").GetString()!, type, lines, authLevel));
        }

        return functions;
    }
}
