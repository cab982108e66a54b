using System.Text.Json.Nodes;
using Billing.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Settlement;

/// <summary>A receipt through SendGrid: a refused email never fails the payment, and a delivered receipt is sent once.</summary>
public sealed class PaymentReceiptDeliveryTests
{
    [Fact]
    public async Task A_refused_receipt_leaves_the_payment_recorded_and_the_next_delivery_sends_it_once()
    {
        // A stand-in for SendGrid's v3 mail/send: refuses the first message (400 with SendGrid's error shape), accepts the rest.
        var requests = 0;
        var accepted = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:" + LoopbackPorts.Free());
        await using var sendGrid = builder.Build();
        sendGrid.MapPost("/v3/mail/send", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            if (Interlocked.Increment(ref requests) == 1)
            {
                return Results.Json(new { errors = new[] { new { message = "The from address does not match a verified Sender Identity.", field = "from" } } }, statusCode: 400);
            }

            lock (accepted)
            {
                accepted.Add(body!["subject"]!.GetValue<string>());
            }

            return Results.StatusCode(202);
        });
        await sendGrid.StartAsync();

        var scenario = JsonNode.Parse("""
            {
              "start": "2026-01-01T00:00:00Z", "end": "2026-01-10T00:00:00Z", "timezone": "UTC", "currency": "USD",
              "meters": [ { "code": "calls", "aggregation": "sum", "property": "quantity" } ],
              "plans": [ { "code": "p", "period": "month", "paymentTermsDays": 10, "charges": [ { "code": "base", "model": "flat", "amount": "100.00" } ] } ],
              "customers": [ { "id": "acme", "email": "billing@acme.test", "plan": "p" } ]
            }
            """)!.AsObject();
        var settings = new Dictionary<string, string>
        {
            ["SendGrid__ApiKey"] = "SG.test-key",
            ["SendGrid__BaseUrl"] = sendGrid.Urls.First(),
            ["SendGrid__MaxAttempts"] = "1",
        };
        await using var host = await ScenarioHost.StartAsync(scenario, settings: settings);
        await host.PlayAsync(scenario);
        var payment = JsonNode.Parse("""{"id":"prepay-1","customer":"acme","at":"2026-01-05T00:00:00Z","amount":"40"}""")!.AsObject();

        var first = await host.SendForJsonAsync(HttpMethod.Post, "/api/payments", payment);
        Assert.True(first["recorded"]!.GetValue<bool>());
        Assert.Empty(accepted);

        await host.SendAsync(HttpMethod.Post, "/api/payments", payment);
        await host.SendAsync(HttpMethod.Post, "/api/payments", payment);

        Assert.Equal(["Payment received: 40.00 USD"], accepted);
        Assert.Equal(2, requests);
    }
}
