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

    [Fact]
    public async Task Each_issued_invoice_is_rendered_stored_and_emailed_once()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();

        await using var host = await ScenarioHost.StartAsync(scenario);
        var issued = await host.PlayAsync(scenario);
        await host.AdvanceAsync(DateTimeOffset.Parse(scenario["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        var outbox = await host.GetJsonAsync("/api/admin/outbox");
        foreach (var invoice in issued)
        {
            var number = invoice["number"]!.GetValue<string>();
            Assert.Single(outbox.AsArray(), e => e!["name"]!.GetValue<string>() == $"invoice/{number}.eml");

            var pdf = await host.GetBytesAsync($"/api/invoices/{number}/pdf");
            var pdfText = PdfText.Extract(pdf);
            Assert.Contains(number, pdfText, StringComparison.Ordinal);
            Assert.Contains(invoice["total"]!.GetValue<string>(), pdfText, StringComparison.Ordinal);

            var html = System.Text.Encoding.UTF8.GetString(await host.GetBytesAsync($"/api/invoices/{number}/html"));
            Assert.Contains(invoice["total"]!.GetValue<string>(), html, StringComparison.Ordinal);
        }

        Assert.Equal(issued.Count, outbox.AsArray().Count(e => e!["name"]!.GetValue<string>().StartsWith("invoice/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("numbering")]
    [InlineData("rendering")]
    [InlineData("email")]
    public async Task A_host_killed_during_settlement_and_restarted_issues_one_invoice_number_and_email_per_period(string crashAfter)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var (_, expectedJson) = ScenarioRun.Execute(text);

        await using var host = await ScenarioHost.StartAsync(scenario, crashAfter);
        var issued = await host.PlayAsync(scenario);

        Assert.Equal(1, host.Restarts);
        var expected = new JsonObject { ["invoices"] = JsonNode.Parse(expectedJson)!["invoices"]!.DeepClone() };
        var actual = new JsonObject { ["invoices"] = new JsonArray(issued.Select(i => (JsonNode)i.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expected.ToJsonString(), actual.ToJsonString()));
        Assert.Equal(["INV-2026-000001", "INV-2026-000002"], issued.Select(i => i["number"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var emails = (await host.GetJsonAsync("/api/admin/outbox")).AsArray().Select(e => e!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["invoice/INV-2026-000001.eml", "invoice/INV-2026-000002.eml"], emails);
    }
}
