using System.Text.Json.Nodes;
using Billing.Functions.Tests.Settlement;

namespace Billing.Functions.Tests.Operations;

/// <summary>The application's own meter (<c>BillingFunctions</c>) reaches an OTLP/HTTP receiver with the counts of a known workload.</summary>
public sealed class ApplicationMetricsTests
{
    [Fact]
    public async Task Usage_and_invoice_counters_reach_the_otlp_receiver_with_the_counts_of_the_scenario()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var text = await File.ReadAllTextAsync(Path.Combine(Domain.Tests.Support.RepositoryPaths.SharedScenarios, "postpaid-basics.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario, settings: receiver.Settings);
        var invoices = await host.PlayAsync(scenario);

        // postpaid-basics posts 7 events one by one: e2 twice (identical), e5 for an unknown meter; 5 distinct events are metered.
        Assert.Equal(["e5"], host.RejectedAtOnce);
        Assert.Equal(2, invoices.Count);
        Assert.Equal(7, await receiver.CounterAsync("billing.usage.events.received", 7));
        Assert.Equal(5, await receiver.CounterAsync("billing.usage.events.metered", 5));
        Assert.Equal(1, await receiver.CounterAsync("billing.usage.events.rejected", 1, p => p.Attributes.GetValueOrDefault("reason") == "invalid"));
        Assert.Equal(2, await receiver.CounterAsync("billing.invoices.issued", 2));
        Assert.True(await receiver.CounterAsync("billing.emails.sent", 2, p => p.Attributes.GetValueOrDefault("kind") == "invoice") >= 2, "each invoice is emailed");

        Assert.All(receiver.Points.Where(p => p.Metric.StartsWith("billing.usage.", StringComparison.Ordinal)), p => Assert.Equal("BillingFunctions", p.Scope));
        Assert.DoesNotContain(receiver.Points, p => p.Metric.StartsWith("billing.", StringComparison.Ordinal) && p.Attributes.ContainsKey("customer"));
    }
}
