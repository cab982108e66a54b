using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Settlement;

/// <summary>Status changes reach the outgoing webhook signed, in order per customer, once each, even when the receiver is down for a while.</summary>
public sealed class StatusWebhookTests
{
    private const string Secret = "receiver-secret";

    [Fact]
    public async Task A_receiver_down_for_a_while_gets_every_status_change_once_in_order()
    {
        var received = new ConcurrentQueue<(string Delivery, string Status, bool SignatureValid)>();
        var refusals = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:" + LoopbackPorts.Free());
        await using var receiver = builder.Build();
        receiver.MapPost("/hooks", async (HttpRequest request) =>
        {
            // Down for the first four attempts.
            if (Interlocked.Increment(ref refusals) <= 4)
            {
                return Results.StatusCode(503);
            }

            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var valid = WebhookSignature.Verify(request.Headers[WebhookSignature.HeaderName], body, Secret, DateTimeOffset.UtcNow, out _) == SignatureVerdict.Valid;
            var json = JsonNode.Parse(Encoding.UTF8.GetString(body))!;
            received.Enqueue((request.Headers["x-billing-delivery"].ToString(), json["data"]!["status"]!.GetValue<string>(), valid));
            return Results.Ok();
        });
        await receiver.StartAsync();
        var url = receiver.Urls.First() + "/hooks";

        var text = await File.ReadAllTextAsync(Path.Combine(Domain.Tests.Support.RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var settings = new Dictionary<string, string>
        {
            ["Billing__StatusWebhooks__0__Url"] = url,
            ["Billing__StatusWebhooks__0__Secret"] = Secret,
            ["Billing__WebhookDispatchSchedule"] = "* * * * * *",
            ["Billing__RetryBase"] = "00:00:00.100",
        };
        await using var host = await ScenarioHost.StartAsync(scenario, settings: settings);
        await host.PlayAsync(scenario);

        // beta is throttled, then suspended, then restored by its payment; the dispatch timer runs every second.
        await Eventually.UntilAsync(() => Task.FromResult(received.Count), count => count >= 3, TimeSpan.FromSeconds(60));

        Assert.Equal(["throttled", "suspended", "active"], received.Select(r => r.Status));
        Assert.All(received, r => Assert.True(r.SignatureValid));
        Assert.Equal(3, received.Select(r => r.Delivery).Distinct().Count());

        // Two more dispatch passes that began after the last delivery send nothing again.
        int passes = DispatchPasses(host);
        await Eventually.UntilAsync(() => Task.FromResult(DispatchPasses(host)), count => count >= passes + 2, TimeSpan.FromSeconds(60));
        Assert.True(DispatchPasses(host) >= passes + 2, $"the dispatch timer stopped running:\n{host.Host.RecentOutput}");
        Assert.Equal(3, received.Count);
        var log = (await host.GetJsonAsync("/api/manage/customers/beta/webhooks")).AsArray();
        Assert.All(log, d => Assert.Equal("delivered", d!["Status"]!.GetValue<string>()));
        Assert.True(log.Sum(d => d!["Attempts"]!.GetValue<int>()) >= 3 + 4, "the refused attempts are logged");
        await receiver.StopAsync();
    }

    private static int DispatchPasses(ScenarioHost host) => host.Host.ScheduledRuns.Count(r => r.Function == "WebhookDispatchTimer");
}
