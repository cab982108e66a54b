using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;
using Billing.Workflows.Scenarios;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// The service and the scenario runner are one engine: each shared example, played through the real host (webhook,
/// queue, Table Storage aggregates, settlement on a simulated clock, payments), yields exactly the invoices that
/// <c>scenario run</c> computes for it, numbered without gaps.
/// </summary>
public sealed class SettlementThroughHostTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.SharedScenarios, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Invoices_issued_by_the_service_equal_the_scenario_runner_s(string name)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, name + ".json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var (_, expectedJson) = ScenarioRun.Execute(text);

        await using var host = await ScenarioHost.StartAsync(scenario);
        var issued = await host.PlayAsync(scenario);

        var expected = new JsonObject { ["invoices"] = JsonNode.Parse(expectedJson)!["invoices"]!.DeepClone() };
        var actual = new JsonObject { ["invoices"] = new JsonArray(issued.Select(i => (JsonNode)i.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expected.ToJsonString(), actual.ToJsonString()));

        var numbers = issued.Select(i => i["number"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => $"INV-2026-{n:000000}"), numbers);
    }
}
