using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;
using Billing.Functions.Tests.Settlement;
using Billing.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Events;

/// <summary>
/// Integration events reach the outgoing webhooks through the local host on the simulated clock: a scenario that
/// issues invoices, records payments, throttles, suspends and restores by dunning and raises a pack alert delivers
/// every event once, signed, to the webhook subscribed to all events, and only status changes to the one that names none.
/// </summary>
public sealed class IntegrationEventWebhookTests
{
    private const string Secret = "receiver-secret";

    [Fact]
    public async Task Every_event_of_a_billing_run_reaches_its_subscribers_once_with_a_valid_signature()
    {
        var all = new ConcurrentQueue<Received>();
        var statusOnly = new ConcurrentQueue<Received>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:" + LoopbackPorts.Free());
        await using var receiver = builder.Build();
        receiver.MapPost("/all", (HttpRequest request) => ReceiveAsync(request, all));
        receiver.MapPost("/status", (HttpRequest request) => ReceiveAsync(request, statusOnly));
        await receiver.StartAsync();
        var url = receiver.Urls.First();

        var text = await File.ReadAllTextAsync(Path.Combine(Domain.Tests.Support.RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var settings = new Dictionary<string, string>
        {
            ["Billing__StatusWebhooks__0__Url"] = url + "/all",
            ["Billing__StatusWebhooks__0__Secret"] = Secret,
            ["Billing__StatusWebhooks__0__Events"] = "*",
            ["Billing__StatusWebhooks__1__Url"] = url + "/status",
            ["Billing__StatusWebhooks__1__Secret"] = Secret,
            ["Billing__WebhookDispatchSchedule"] = "* * * * * *",
        };
        await using var host = await ScenarioHost.StartAsync(scenario, settings: settings);
        await host.PlayAsync(scenario);

        // Four invoices, two payments, three status changes (throttle, suspend, restore) and the pack_low alert.
        await Eventually.UntilAsync(() => Task.FromResult(all.Count + statusOnly.Count), count => count >= 10 + 3, TimeSpan.FromSeconds(90));
        int passes = DispatchPasses(host);
        await Eventually.UntilAsync(() => Task.FromResult(DispatchPasses(host)), count => count >= passes + 2, TimeSpan.FromSeconds(60));

        var events = all.ToList();
        Assert.All(events.Concat(statusOnly), r => Assert.True(r.SignatureValid, $"signature of {r.Type} {r.Id}"));
        Assert.Equal(events.Count, events.Select(r => r.Id).Distinct().Count());
        Assert.Equal(events.Count, events.Select(r => r.Delivery).Distinct().Count());
        Assert.Equal(4, events.Count(r => r.Type == "invoice.issued"));
        Assert.Equal(4, events.Where(r => r.Type == "invoice.issued").Select(r => r.Body["data"]!["number"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(
            ["pay-0", "pay-2"],
            events.Where(r => r.Type == "payment.recorded").Select(r => r.Body["data"]!["paymentId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("100.00", events.Single(r => r.Body["data"]!["paymentId"]?.GetValue<string>() == "pay-2").Body["data"]!["amount"]!.GetValue<string>());
        Assert.Equal(["throttled", "suspended", "active"], events.Where(r => r.Type == "customer.status_changed").Select(r => r.Body["data"]!["status"]!.GetValue<string>()));
        Assert.Equal(["active", "throttled", "suspended"], events.Where(r => r.Type == "customer.status_changed").Select(r => r.Body["data"]!["previousStatus"]!.GetValue<string>()));
        var alert = Assert.Single(events, r => r.Type == "alert.raised");
        Assert.Equal("pack_low", alert.Body["data"]!["kind"]!.GetValue<string>());
        Assert.Equal(10, events.Count);
        Assert.All(events, r => Assert.Equal("beta", r.Body["customer"]!.GetValue<string>()));

        Assert.Equal(["throttled", "suspended", "active"], statusOnly.Select(r => r.Body["data"]!["status"]!.GetValue<string>()));
        Assert.Equal(
            events.Where(r => r.Type == "customer.status_changed").Select(r => r.Id),
            statusOnly.Select(r => r.Id));
        await receiver.StopAsync();
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, ConcurrentQueue<Received> into)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var valid = WebhookSignature.Verify(request.Headers[WebhookSignature.HeaderName], body, Secret, DateTimeOffset.UtcNow, out _) == SignatureVerdict.Valid;
        var json = JsonNode.Parse(Encoding.UTF8.GetString(body))!.AsObject();
        into.Enqueue(new Received(request.Headers["x-billing-delivery"].ToString(), json["id"]!.GetValue<string>(), json["type"]!.GetValue<string>(), json, valid));
        return Results.Ok();
    }

    private static int DispatchPasses(ScenarioHost host) => host.Host.ScheduledRuns.Count(r => r.Function == "WebhookDispatchTimer");

    private sealed record Received(string Delivery, string Id, string Type, JsonObject Body, bool SignatureValid);
}
