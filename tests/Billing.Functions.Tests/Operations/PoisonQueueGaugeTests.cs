using Billing.Application.Hosting;
using Billing.Application.Ingestion;
using Billing.Application.Settlement;
using Billing.Functions.Tests.Settlement;

namespace Billing.Functions.Tests.Operations;

/// <summary>
/// Poisoned messages are observed where they wait: the application's gauge of each poison queue's count reaches the
/// OTLP receiver, whoever moved the messages there (here: put there directly, as the Functions host would).
/// </summary>
public sealed class PoisonQueueGaugeTests
{
    [Fact]
    public async Task Messages_waiting_in_a_poison_queue_reach_the_otlp_receiver_as_a_gauge_tagged_with_the_failing_queue()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = receiver.Settings;
        settings["Billing__PoisonQueueReadInterval"] = "00:00:00.200";
        await using var host = await ScenarioHost.StartAsync(await TraceExportTests.ScenarioAsync("postpaid-basics.json"), settings: settings);

        var poison = host.Storage.GetQueueClient(SettlementRequests.QueueName + "-poison");
        await poison.SendMessageAsync("""{"customer":"c-1"}""");
        await poison.SendMessageAsync("""{"customer":"c-2"}""");

        Assert.Equal(2, await receiver.GaugeAsync(PoisonQueueGauge.MetricName, 2, p => p.Attributes.GetValueOrDefault("queue") == SettlementRequests.QueueName));
        var usage = receiver.Points.Where(p => p.Metric == PoisonQueueGauge.MetricName && p.Attributes.GetValueOrDefault("queue") == UsageBatchSender.QueueName).ToList();
        Assert.NotEmpty(usage);
        Assert.Equal(0, usage.MaxBy(p => p.TimeUnixNano)!.Value);
        Assert.All(receiver.Points.Where(p => p.Metric == PoisonQueueGauge.MetricName), p => Assert.Equal(BillingTelemetry.Name, p.Scope));
    }
}
