using System.Text.Json.Nodes;
using Billing.Functions.Tests.Fixtures;
using Billing.Functions.Tests.Settlement;

namespace Billing.Functions.Tests.Operations;

/// <summary>
/// Spans reach an OTLP/HTTP receiver: one trace from the webhook through the usage queue into metering and its table
/// writes, and one from a settlement run (the timer's, or a simulated clock's advance) through the settlement queue to the
/// invoice email.
/// </summary>
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

    [Fact]
    public async Task A_settlement_timer_run_on_the_system_clock_shares_one_trace_id_through_the_settlement_cycle_orchestration_to_the_invoice_email()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = receiver.Settings;
        settings["Billing__Clock"] = "system";
        settings[Billing.Application.Configuration.TimerSchedules.Settlement.Replace(":", "__", StringComparison.Ordinal)] = "*/2 * * * * *";
        await using var host = await ScenarioHost.StartAsync(await ScenarioAsync("postpaid-basics.json"), settings: settings);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", JsonNode.Parse(TestCatalog.Json)!.AsObject());
        var customer = TestCatalog.NewCustomerId("traced");
        var startsAt = UsageEvents.Timestamp(DateTimeOffset.UtcNow.AddDays(-45));
        await host.SendAsync(HttpMethod.Put, $"/api/manage/customers/{customer}", JsonNode.Parse($$"""{"name":"{{customer}}","email":"{{customer}}@billing.test","plan":"{{TestCatalog.Plan}}","startsAt":"{{startsAt}}"}""")!.AsObject());

        // A parent span ends, and is exported, after its children: wait until an email's chain of parents reaches a root.
        var spans = await receiver.SpansWhenAsync(s => s.Any(x => x.Name == "email.send" && Chain(s, x)[^1].ParentSpanId.Length == 0));
        var chain = Chain(spans, spans.First(s => s.Name == "email.send"));

        // email.send <- invoice.deliver <- settlement.customer <- ... <- settlement.batch (the cycle's activity, from the
        // traceparent its input carries) <- settlement.schedule (the timer's run that started the cycle, the root).
        var names = chain.Select(s => s.Name).ToList();
        string shown = string.Join(" <- ", names);
        Assert.Equal("invoice.deliver", names[1]);
        Assert.Contains("settlement.customer", names);
        var batch = names.IndexOf("settlement.batch");
        Assert.True(batch > 0, shown);
        Assert.True("settlement.schedule" == names.ElementAtOrDefault(batch + 1), shown);
        Assert.Equal(string.Empty, chain[^1].ParentSpanId);
        Assert.Equal("settlement.schedule", names[^1]);
    }

    [Fact]
    public async Task A_dunning_step_s_email_belongs_to_a_root_span_named_for_the_dunning_instance()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var scenario = await ScenarioAsync("prepaid-pack-dunning.json");
        await using var host = await ScenarioHost.StartAsync(scenario, settings: receiver.Settings);
        await host.PlayAsync(scenario);

        // The business timer fires with no caller: CollectDunningStep starts the trace of what the step does.
        var spans = await receiver.SpansWhenAsync(s => s.Any(x => x.Name == "email.send" && Chain(s, x)[^1].Name == "dunning.step"));
        var email = spans.First(x => x.Name == "email.send" && Chain(spans, x)[^1].Name == "dunning.step");
        var step = Chain(spans, email)[^1];
        Assert.Equal(string.Empty, step.ParentSpanId);
        Assert.StartsWith("dunning/", step.Attributes["billing.workflow.instance"], StringComparison.Ordinal);
    }

    /// <summary>The span and its ancestors among <paramref name="spans"/>, child first, as far as they have arrived.</summary>
    private static List<OtlpSpan> Chain(IReadOnlyList<OtlpSpan> spans, OtlpSpan from)
    {
        var byId = spans.Where(s => s.TraceId == from.TraceId).GroupBy(s => s.SpanId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var chain = new List<OtlpSpan>();
        for (var span = from; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
        {
            chain.Add(span);
        }

        return chain;
    }

    internal static async Task<JsonObject> ScenarioAsync(string file)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Domain.Tests.Support.RepositoryPaths.SharedScenarios, file));
        return JsonNode.Parse(text)!.AsObject();
    }
}
