using System.Text.Json.Nodes;
using Billing.Functions.Tests.Settlement;

namespace Billing.Functions.Tests.Operations;

/// <summary>Spans reach an OTLP/HTTP receiver, one trace from the webhook through the usage queue into metering and its table writes.</summary>
public sealed class TraceExportTests
{
    [Fact]
    public async Task A_webhook_call_its_queued_metering_and_table_writes_share_one_trace_id()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var scenario = await ScenarioAsync("prepaid-pack-dunning.json");
        await using var host = await ScenarioHost.StartAsync(scenario, settings: receiver.Settings);
        await host.PlayAsync(scenario);

        var spans = await receiver.SpansWhenAsync(s => s.Any(x => x.Name == "usage.meter") && s.Any(x => x.Scope.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)));
        var meter = spans.First(s => s.Name == "usage.meter");
        Assert.NotEqual(string.Empty, meter.ParentSpanId);
        var trace = spans.Where(s => s.TraceId == meter.TraceId).ToList();
        var enqueue = Assert.Single(trace, s => s.Name == "usage.enqueue");
        Assert.Equal(enqueue.SpanId, meter.ParentSpanId);
        Assert.Equal("BillingFunctions", meter.Scope);
        var webhook = Assert.Single(trace, s => s.Scope == "Microsoft.AspNetCore");
        Assert.Equal(string.Empty, webhook.ParentSpanId);
        Assert.Equal("Microsoft.AspNetCore.Hosting.HttpRequestIn", webhook.Name);
        Assert.Equal(webhook.SpanId, enqueue.ParentSpanId);
        Assert.Contains(trace, s => s.Scope.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && s.Name.StartsWith("TableClient.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_settlement_on_the_simulated_clock_shares_the_advance_spans_trace_id_through_the_settlement_queue()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var scenario = await ScenarioAsync("postpaid-basics.json");
        await using var host = await ScenarioHost.StartAsync(scenario, settings: receiver.Settings);
        var invoices = await host.PlayAsync(scenario);
        Assert.NotEmpty(invoices);

        var spans = await receiver.SpansWhenAsync(s => s.Any(x => x.Name == "email.send"));
        var email = spans.First(s => s.Name == "email.send");
        var trace = spans.Where(s => s.TraceId == email.TraceId).ToList();
        var byId = trace.ToDictionary(s => s.SpanId, StringComparer.Ordinal);
        var chain = new List<string>();
        for (var span = email; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
        {
            chain.Add(span.Name);
        }

        // email.send <- invoice.deliver <- settlement.customer <- ... <- settlement.request (from the message) <- clock.advance <- the request.
        Assert.Equal("invoice.deliver", chain[1]);
        Assert.Contains("settlement.customer", chain);
        var request = chain.IndexOf("settlement.request");
        Assert.True(request > 0, string.Join(" <- ", chain));
        Assert.Equal("clock.advance", chain[request + 1]);
        Assert.Equal("Microsoft.AspNetCore.Hosting.HttpRequestIn", chain[^1]);
    }

    internal static async Task<JsonObject> ScenarioAsync(string file)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Domain.Tests.Support.RepositoryPaths.SharedScenarios, file));
        return JsonNode.Parse(text)!.AsObject();
    }
}
