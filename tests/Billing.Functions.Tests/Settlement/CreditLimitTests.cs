using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// Credit limits act when usage arrives, not at settlement: warning above 80 %, suspension above 100 %, restore on
/// payment. The service reads usage by the hour, so a threshold crossed by usage is recorded at the start of that hour.
/// </summary>
public sealed class CreditLimitTests
{
    [Fact]
    public async Task Usage_over_the_credit_limit_warns_then_suspends_at_once_and_a_payment_restores()
    {
        var scenario = JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", JsonNode.Parse("""
            {"timezone":"UTC","currency":"USD","meters":[{"code":"api_calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"std","period":"month","paymentTermsDays":30,"charges":[{"code":"calls","meter":"api_calls","model":"per_unit","unitPrice":"0.01"}]}]}
            """)!.AsObject());
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", JsonNode.Parse("""{"plan":"std","name":"Acme","email":"billing@acme.test","accountManagerEmail":"am@provider.test","startsAt":"2026-01-01T00:00:00Z","creditLimit":"100.00"}""")!.AsObject());

        // 8,500 calls = 85.00: above 80 % of the limit.
        await host.AdvanceAsync(At("2026-01-05T00:00:00Z"));
        await host.PostUsageAsync(Calls("a", "2026-01-05T00:00:00Z", 8500));
        await host.AdvanceAsync(At("2026-01-05T00:01:00Z"));
        Assert.Equal([("2026-01-05T00:00:00Z", "credit_warning")], await ActionsAsync(host));

        // 2,000 more an hour later = 105.00: above the limit, suspended at once.
        await host.AdvanceAsync(At("2026-01-05T01:00:00Z"));
        await host.PostUsageAsync(Calls("b", "2026-01-05T01:00:00Z", 2000));
        await host.AdvanceAsync(At("2026-01-05T01:01:00Z"));
        Assert.Equal("suspended", await StatusAsync(host));

        // A payment of 50.00 before any invoice becomes credit: exposure 55.00, back under the limit.
        await host.SendAsync(HttpMethod.Post, "/api/payments", new JsonObject { ["id"] = "p1", ["customer"] = "acme", ["at"] = "2026-01-05T01:01:00Z", ["amount"] = "50.00" });
        Assert.Equal("active", await StatusAsync(host));
        Assert.Equal(
            [("2026-01-05T00:00:00Z", "credit_warning"), ("2026-01-05T01:00:00Z", "suspend"), ("2026-01-05T01:01:00Z", "restore")],
            await ActionsAsync(host));

        // The customer and its account manager heard of the warning, the suspension and the restore.
        var emails = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();
        string[] actions = ["credit_warning/", "suspend/", "restore/"];
        var credit = emails.Where(n => actions.Any(a => n.StartsWith(a, StringComparison.Ordinal))).ToList();
        Assert.Equal(3, credit.Count(n => !n.Contains("manager", StringComparison.Ordinal)));
        Assert.Equal(3, credit.Count(n => n.Contains("manager", StringComparison.Ordinal)));

        // Settling January later replays the same facts: nothing is recorded twice.
        await host.AdvanceAsync(At("2026-02-02T00:00:00Z"));
        Assert.Equal(3, (await ActionsAsync(host)).Count);
    }

    private static async Task<List<(string, string)>> ActionsAsync(ScenarioHost host) =>
        (await host.GetJsonAsync("/api/customers/acme/timeline")).AsArray().Select(e => (e!["at"]!.GetValue<string>(), e["action"]!.GetValue<string>())).ToList();

    private static async Task<string> StatusAsync(ScenarioHost host)
    {
        using var response = await host.GetAsync("/api/customers/acme/status");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>();
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static JsonObject Calls(string id, string at, int quantity) =>
        new() { ["id"] = id, ["customer"] = "acme", ["meter"] = "api_calls", ["at"] = at, ["properties"] = new JsonObject { ["quantity"] = quantity } };
}
