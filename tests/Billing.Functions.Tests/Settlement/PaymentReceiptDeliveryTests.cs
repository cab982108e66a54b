using System.Text.Json.Nodes;
using Billing.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Settlement;

/// <summary>Receipts: a refused email never fails the payment, a delivered receipt is sent once, and payment ids are checked first.</summary>
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

        var scenario = Scenario();
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

    [Fact]
    public async Task A_payment_id_with_control_characters_is_refused_and_a_long_one_still_gets_its_receipt()
    {
        var scenario = Scenario();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);

        using var refused = await host.TrySendAsync(HttpMethod.Post, "/api/payments", new JsonObject { ["id"] = "pay\u0001", ["customer"] = "acme", ["at"] = "2026-01-05T00:00:00Z", ["amount"] = "40" });
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(problem["errors"]!["id"]);

        // 256 characters: "receipt/acme/{id}" would be too long for a message id, so the receipt's id is a digest of the two.
        var longId = new string('p', 256);
        await host.SendAsync(HttpMethod.Post, "/api/payments", new JsonObject { ["id"] = longId, ["customer"] = "acme", ["at"] = "2026-01-05T00:00:00Z", ["amount"] = "40" });
        var receipt = Assert.Single((await host.GetJsonAsync("/api/admin/outbox?prefix=receipt/")).AsArray());
        Assert.StartsWith("receipt/sha256-", receipt!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Payment received: 40.00 USD", receipt["subject"]!.GetValue<string>());
    }

    private static JsonObject Scenario() => JsonNode.Parse("""
        {
          "start": "2026-01-01T00:00:00Z", "end": "2026-01-10T00:00:00Z", "timezone": "UTC", "currency": "USD",
          "meters": [ { "code": "calls", "aggregation": "sum", "property": "quantity" } ],
          "plans": [ { "code": "p", "period": "month", "paymentTermsDays": 10, "charges": [ { "code": "base", "model": "flat", "amount": "100.00" } ] } ],
          "customers": [ { "id": "acme", "email": "billing@acme.test", "plan": "p" } ]
        }
        """)!.AsObject();
}
