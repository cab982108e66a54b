using System.Net;
using System.Text.Json.Nodes;
using Billing.Functions.Tests.Fixtures;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// Receipts: an email that is refused or cannot be sent never fails the payment (201, then 200 on a repeat); it is listed
/// for operators and retried in the background, and sent once. Payment ids are checked first.
/// </summary>
public sealed class PaymentReceiptDeliveryTests
{
    [Fact]
    public async Task A_refused_receipt_leaves_the_payment_recorded_and_is_listed_then_sent_once_by_a_background_retry()
    {
        await using var sendGrid = await SendGridStandIn.StartAsync();
        sendGrid.Answer = n => n == 1 ? StatusCodes.Status400BadRequest : StatusCodes.Status202Accepted;
        var scenario = Scenario();
        await using var host = await ScenarioHost.StartAsync(scenario, settings: WithQuickRetries(sendGrid.Settings));
        await host.PlayAsync(scenario);
        var payment = JsonNode.Parse("""{"id":"prepay-1","customer":"acme","at":"2026-01-05T00:00:00Z","amount":"40"}""")!.AsObject();

        using var first = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // Listed for operators at once, with SendGrid's reason; sent by the background retry, then listed as sent.
        var listed = Assert.Single((await host.GetJsonAsync("/api/manage/emails/failed"))["items"]!.AsArray())!;
        Assert.Equal("receipt/acme/prepay-1", listed["messageId"]!.GetValue<string>());
        Assert.Equal("receipt", listed["kind"]!.GetValue<string>());
        Assert.Contains("verified Sender Identity", listed["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        var sent = await Eventually.UntilAsync(() => host.GetJsonAsync("/api/manage/emails/failed?status=sent"), list => list["items"]!.AsArray().Count == 1);
        Assert.Equal("receipt/acme/prepay-1", Assert.Single(sent["items"]!.AsArray())!["messageId"]!.GetValue<string>());
        Assert.Empty((await host.GetJsonAsync("/api/manage/emails/failed?status=pending"))["items"]!.AsArray());

        using var repeat = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(["Payment received: 40.00 USD"], sendGrid.Accepted);
        Assert.Equal(2, sendGrid.Requests);
    }

    [Fact]
    public async Task A_receipt_to_an_internationalised_domain_is_sent_to_its_punycode_form()
    {
        var scenario = Scenario();
        scenario["customers"]![0]!["email"] = "billing@例え.jp";
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);

        using var response = await host.TrySendAsync(HttpMethod.Post, "/api/payments", JsonNode.Parse("""{"id":"pay-idn","customer":"acme","at":"2026-01-05T00:00:00Z","amount":"40"}""")!.AsObject());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = Assert.Single((await host.GetJsonAsync("/api/manage/outbox?limit=1000&prefix=receipt/"))["items"]!.AsArray())!;
        Assert.Equal("billing@xn--r8jz45g.jp", receipt["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_receipt_that_cannot_be_sent_as_it_stands_never_fails_the_payment_and_is_listed_as_permanent()
    {
        var scenario = Scenario();
        await using var host = await ScenarioHost.StartAsync(scenario, settings: new Dictionary<string, string> { ["Issuer__Email"] = "billing at issuer" });
        await host.PlayAsync(scenario);
        var payment = JsonNode.Parse("""{"id":"pay-2","customer":"acme","at":"2026-01-05T00:00:00Z","amount":"40"}""")!.AsObject();

        using var first = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment);
        using var repeat = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var listed = Assert.Single((await host.GetJsonAsync("/api/manage/emails/failed?status=pending"))["items"]!.AsArray())!;
        Assert.Equal("receipt/acme/pay-2", listed["messageId"]!.GetValue<string>());
        Assert.True(listed["permanent"]!.GetValue<bool>());
        Assert.Contains("from", listed["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_whose_request_died_after_storing_it_is_announced_and_acknowledged_once_by_a_settlement_of_the_account()
    {
        var scenario = Scenario();
        var settings = new Dictionary<string, string>
        {
            // A subscriber, so that events are kept in the outbox (its address answers nothing: deliveries only retry).
            ["Billing__StatusWebhooks__0__Url"] = "http://127.0.0.1:" + Billing.Storage.Emulator.LoopbackPorts.Free() + "/hook",
            ["Billing__StatusWebhooks__0__Secret"] = "receiver-secret",
            ["Billing__StatusWebhooks__0__Events"] = "*",
        };
        await using var host = await ScenarioHost.StartAsync(scenario, crashAfter: "payment-recorded", settings: settings);
        await host.PlayAsync(scenario);
        var payment = JsonNode.Parse("""{"id":"prepay-1","customer":"acme","at":"2026-01-05T00:00:00Z","amount":"40"}""")!.AsObject();
        var events = new Billing.Application.Events.IntegrationEventOutbox(host.Storage.GetTableClient(Billing.Application.Events.IntegrationEventOutbox.TableName));
        async Task<int> AnnouncedAsync() =>
            (await events.ForCustomerAsync("acme", CancellationToken.None)).Count(e => e.Type == Billing.Application.Events.IntegrationEventType.PaymentRecorded);

        // The host dies with the payment stored and nothing announced or sent; the payer never delivers it again.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.SendAsync(HttpMethod.Post, "/api/payments", payment));
        await host.RestartAsync();
        var recordedAt = DateTimeOffset.Parse("2026-01-09T23:59:59Z", System.Globalization.CultureInfo.InvariantCulture);

        // The first clock step after the restart settles every customer; 10 minutes after the recording, the request could
        // still be running, so the follow-up is left to it.
        await host.AdvanceAsync(recordedAt.AddMinutes(10));
        Assert.Empty(await Notices.OutboxMail.ListAsync(host, "receipt/"));
        Assert.Equal(0, await AnnouncedAsync());

        // January's settlement (February 1) takes it over: one event, one receipt showing the standing then.
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-02-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var receipt = Assert.Single(await Notices.OutboxMail.ListAsync(host, "receipt/"));
        Assert.Equal(("receipt/acme/prepay-1.eml", "Payment received: 40.00 USD"), (receipt.Name, receipt.Subject));
        Assert.Contains("Balance due: 60.00 USD", receipt.Text, StringComparison.Ordinal);
        Assert.Equal(1, await AnnouncedAsync());

        // Later settlements and a late repeat of the payment send nothing more.
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-03-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var repeat = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Single(await Notices.OutboxMail.ListAsync(host, "receipt/"));
        Assert.Equal(1, await AnnouncedAsync());
    }

    [Fact]
    public async Task A_payment_or_a_pack_sale_delivered_many_times_at_once_emails_its_receipt_or_invoice_once()
    {
        await using var sendGrid = await SendGridStandIn.StartAsync();
        sendGrid.Delay = TimeSpan.FromMilliseconds(300);
        var scenario = Scenario();
        await using var host = await ScenarioHost.StartAsync(scenario, settings: sendGrid.Settings);
        await host.PlayAsync(scenario);
        var payment = JsonNode.Parse("""{"id":"pay-many","customer":"acme","at":"2026-01-05T00:00:00Z","amount":"40"}""")!.AsObject();
        var pack = JsonNode.Parse("""
            {"code":"k1","meter":"calls","quantity":"1000","price":"12.00","purchasedAt":"2026-01-05T00:00:00Z",
             "validFrom":"2026-01-05T00:00:00Z","validTo":"2026-03-01T00:00:00Z","allocation":"once"}
            """)!.AsObject();

        var payments = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment.DeepClone().AsObject());
            return response.StatusCode;
        }));
        var sales = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await host.TrySendAsync(HttpMethod.Post, "/api/manage/customers/acme/packs", pack.DeepClone().AsObject());
            return response.StatusCode;
        }));

        Assert.Equal(1, payments.Count(s => s == HttpStatusCode.Created));
        Assert.All(payments, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, s.ToString()));
        Assert.Equal(1, sales.Count(s => s == HttpStatusCode.Created));
        Assert.All(sales, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, s.ToString()));
        var ids = sendGrid.AcceptedMessageIds;
        Assert.Single(ids, id => id == "receipt/acme/pay-many");
        Assert.Single(ids, id => id.StartsWith("invoice/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payment_without_at_repeated_after_the_clock_moved_is_the_payment_recorded_before()
    {
        var scenario = Scenario();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);
        var payment = JsonNode.Parse("""{"id":"pay-now","customer":"acme","amount":"40"}""")!.AsObject();

        using var first = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment.DeepClone().AsObject());
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-01-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var repeat = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment.DeepClone().AsObject());
        payment["amount"] = "41";
        using var other = await host.TrySendAsync(HttpMethod.Post, "/api/payments", payment);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("Conflict", JsonNode.Parse(await other.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
        Assert.Single(await Notices.OutboxMail.ListAsync(host, "receipt/"));
    }

    /// <summary>Emails that failed are retried a second after, and the retry pass runs every second.</summary>
    internal static Dictionary<string, string> WithQuickRetries(Dictionary<string, string> settings)
    {
        settings["Billing__EmailRetryFirstDelay"] = "00:00:01";
        settings["Billing__EmailRetrySchedule"] = "* * * * * *";
        return settings;
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
        var receipt = Assert.Single((await host.GetJsonAsync("/api/manage/outbox?limit=1000&prefix=receipt/"))["items"]!.AsArray());
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
