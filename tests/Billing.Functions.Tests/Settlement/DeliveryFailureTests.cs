using System.Net;
using System.Text.Json.Nodes;
using Billing.Functions.Tests.Fixtures;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// Settlement never fails on delivery: with the email provider down, the invoice is still numbered, rendered and stored,
/// its email is listed for operators and retried in the background until the provider takes it, and
/// <c>clock/advance</c> says what is still undelivered instead of answering as if all went well.
/// </summary>
public sealed class DeliveryFailureTests
{
    [Fact]
    public async Task An_invoice_whose_email_fails_is_issued_and_stored_listed_retried_and_reported_by_the_clock()
    {
        await using var sendGrid = await SendGridStandIn.StartAsync();
        var down = true;
        sendGrid.Answer = _ => Volatile.Read(ref down) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status202Accepted;
        var scenario = JsonNode.Parse("""
            {
              "start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z", "timezone": "UTC", "currency": "USD",
              "meters": [ { "code": "calls", "aggregation": "sum", "property": "quantity" } ],
              "plans": [ { "code": "p", "period": "month", "paymentTermsDays": 10, "charges": [ { "code": "base", "model": "flat", "amount": "100.00" } ] } ],
              "customers": [ { "id": "acme", "name": "Acme", "email": "billing@acme.test", "plan": "p" } ]
            }
            """)!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario, settings: PaymentReceiptDeliveryTests.WithQuickRetries(sendGrid.Settings));
        await host.PlayAsync(scenario);

        var advanced = await host.SendForJsonAsync(HttpMethod.Post, "/api/manage/clock/advance", new JsonObject { ["to"] = "2026-02-01T03:00:00Z" });

        // The invoice is issued, numbered and stored, its PDF too, and no workflow failed.
        var invoice = Assert.Single((await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray())!;
        var number = invoice["number"]!.GetValue<string>();
        Assert.Equal("100.00", invoice["total"]!.GetValue<string>());
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await host.GetBytesAsync($"/api/invoices/{number}/pdf"), 0, 4), StringComparison.Ordinal);
        Assert.Empty((await host.GetJsonAsync("/api/manage/workflows?status=failed"))["items"]!.AsArray());

        // The clock's answer says the invoice email is not delivered; so does the operators' list.
        var failures = advanced["failures"]!;
        Assert.False(failures["ok"]!.GetValue<bool>());
        var reported = Assert.Single(failures["undeliveredEmails"]!.AsArray())!;
        Assert.Equal("invoice/" + number, reported["messageId"]!.GetValue<string>());
        Assert.Equal("invoice", reported["kind"]!.GetValue<string>());
        Assert.Empty(failures["failedWorkflows"]!.AsArray());
        Assert.Empty(failures["poisonMessages"]!.AsObject());
        var listed = Assert.Single((await host.GetJsonAsync("/api/manage/emails/failed?status=pending"))["items"]!.AsArray())!;
        Assert.Equal("invoice/" + number, listed["messageId"]!.GetValue<string>());
        Assert.Equal("billing@acme.test", listed["to"]!.GetValue<string>());
        Assert.False(listed["permanent"]!.GetValue<bool>());

        // Still down at the first reminder (due date 2026-02-11T02:00Z, three days before): the step is taken, its email kept too.
        var reminded = await host.SendForJsonAsync(HttpMethod.Post, "/api/manage/clock/advance", new JsonObject { ["to"] = "2026-02-08T03:00:00Z" });
        Assert.Contains((await host.GetJsonAsync("/api/customers/acme/timeline")).AsArray(), e => e!["action"]!.GetValue<string>() == "remind");
        Assert.Equal(["invoice", "remind"], reminded["failures"]!["undeliveredEmails"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        // The provider comes back: the background retry sends each email once, and the clock reports nothing more.
        Volatile.Write(ref down, false);
        await Eventually.UntilAsync(() => host.GetJsonAsync("/api/manage/emails/failed?status=pending"), list => list["items"]!.AsArray().Count == 0, TimeSpan.FromSeconds(60));
        var sent = (await host.GetJsonAsync("/api/manage/emails/failed?status=sent"))["items"]!.AsArray();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, e => Assert.True(e!["attempts"]!.GetValue<int>() >= 2));
        Assert.Equal(2, sendGrid.Accepted.Count);
        // Each message id once: the invoice's and the reminder's.
        Assert.Equal(1, sendGrid.AcceptedMessageIds.Count(id => id == "invoice/" + number));
        Assert.Equal(1, sendGrid.AcceptedMessageIds.Count(id => id.StartsWith("remind/acme/", StringComparison.Ordinal)));
        var later = await host.SendForJsonAsync(HttpMethod.Post, "/api/manage/clock/advance", new JsonObject { ["to"] = "2026-02-08T04:00:00Z" });
        Assert.True(later["failures"]!["ok"]!.GetValue<bool>(), later.ToJsonString());
        Assert.Equal(2, sendGrid.Accepted.Count);
    }
}
