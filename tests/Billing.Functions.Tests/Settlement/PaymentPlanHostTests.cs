using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Functions.Tests.Settlement;

/// <summary>A payment plan agreed through the admin API: dunning follows the installments, a missed one resumes the ladder.</summary>
public sealed class PaymentPlanHostTests
{
    [Fact]
    public async Task Dunning_follows_the_installments_of_a_payment_plan()
    {
        var scenario = JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", JsonNode.Parse("""
            {"timezone":"UTC","currency":"USD","meters":[{"code":"calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"p","period":"month","paymentTermsDays":10,"charges":[{"code":"base","model":"flat","amount":"100.00"}]}]}
            """)!.AsObject());
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", JsonNode.Parse("""{"plan":"p","name":"Acme","startsAt":"2026-01-01T00:00:00Z"}""")!.AsObject());

        // January (100.00) is invoiced 2026-02-01T02:00Z, due 2026-02-11T02:00Z; the 3-days-before reminder runs on 02-08.
        await host.AdvanceAsync(At("2026-02-09T00:00:00Z"));
        var number = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray().Single()!["number"]!.GetValue<string>();
        await host.SendAsync(HttpMethod.Post, $"/api/manage/invoices/{number}/payment-plan", JsonNode.Parse("""
            {"installments":[{"amount":"50.00","dueAt":"2026-02-20T00:00:00Z"},{"amount":"50.00","dueAt":"2026-03-05T00:00:00Z"}]}
            """)!.AsObject());
        await host.AdvanceAsync(At("2026-02-19T00:00:00Z"));
        await host.SendAsync(HttpMethod.Post, "/api/payments", new JsonObject { ["id"] = "i1", ["customer"] = "acme", ["at"] = "2026-02-19T00:00:00Z", ["amount"] = "50.00", ["period"] = "2026-01" });
        await host.AdvanceAsync(At("2026-03-31T00:00:00Z"));

        var timeline = (await host.GetJsonAsync("/api/customers/acme/timeline")).AsArray()
            .Where(e => e!["period"]?.GetValue<string>() == "2026-01")
            .Select(e => (e!["at"]!.GetValue<string>(), e["action"]!.GetValue<string>()))
            .ToList();
        Assert.Equal(
        [
            ("2026-02-08T02:00:00Z", "remind"),
            ("2026-03-05T00:00:00Z", "remind"),
            ("2026-03-12T00:00:00Z", "throttle"),
            ("2026-03-19T00:00:00Z", "backup"),
            ("2026-03-19T00:00:00Z", "suspend"),
        ],
            timeline);
    }

    [Fact]
    public async Task An_installment_with_more_decimals_than_the_currency_is_refused_naming_it()
    {
        var scenario = JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", JsonNode.Parse("""
            {"timezone":"UTC","currency":"USD","meters":[{"code":"calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"p","period":"month","paymentTermsDays":10,"charges":[{"code":"base","model":"flat","amount":"100.00"}]}]}
            """)!.AsObject());
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", JsonNode.Parse("""{"plan":"p","name":"Acme","startsAt":"2026-01-01T00:00:00Z"}""")!.AsObject());
        await host.AdvanceAsync(At("2026-02-02T00:00:00Z"));
        var number = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray().Single()!["number"]!.GetValue<string>();

        // 33.335 + 33.335 + 33.33 is the balance of 100.00, but no USD amount has three decimals.
        using var refused = await host.TrySendAsync(HttpMethod.Post, $"/api/manage/invoices/{number}/payment-plan", JsonNode.Parse("""
            {"installments":[{"amount":"33.335","dueAt":"2026-02-20T00:00:00Z"},{"amount":"33.335","dueAt":"2026-03-05T00:00:00Z"},{"amount":"33.33","dueAt":"2026-03-20T00:00:00Z"}]}
            """)!.AsObject());

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["installments[0].amount"]);

        // An installment due beyond the billing horizon (the calendar cannot place its period) is refused the same way.
        using var far = await host.TrySendAsync(HttpMethod.Post, $"/api/manage/invoices/{number}/payment-plan", JsonNode.Parse("""
            {"installments":[{"amount":"50.00","dueAt":"2026-02-20T00:00:00Z"},{"amount":"50.00","dueAt":"9999-12-31T23:59:59Z"}]}
            """)!.AsObject());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, far.StatusCode);
        Assert.NotNull(JsonNode.Parse(await far.Content.ReadAsStringAsync())!["errors"]!["installments[1].dueAt"]);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
