using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Functions.Tests.Settlement;

/// <summary>Plans are versioned: a plan changed during a period prices the periods after it; the period in progress keeps the old price.</summary>
public sealed class PlanVersionTests
{
    [Fact]
    public async Task A_price_change_mid_period_applies_from_the_next_period()
    {
        var scenario = JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("0.01"));
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", JsonNode.Parse("""{"plan":"std","name":"Acme","startsAt":"2026-01-01T00:00:00Z"}""")!.AsObject());

        await host.AdvanceAsync(At("2026-01-10T00:00:00Z"));
        await host.PostUsageAsync(Calls("j1", "2026-01-10T00:00:00Z", 1000));
        await host.AdvanceAsync(At("2026-01-15T00:00:00Z"));
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("0.02"));
        await host.PostUsageAsync(Calls("j2", "2026-01-15T00:00:00Z", 1000));
        await host.AdvanceAsync(At("2026-02-10T00:00:00Z"));
        await host.PostUsageAsync(Calls("f1", "2026-02-10T00:00:00Z", 1000));
        await host.AdvanceAsync(At("2026-03-05T00:00:00Z"));

        var invoices = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray();
        // January: 2,000 calls at the price in force when January started (0.01) = 20.00.
        Assert.Equal("20.00", Line(invoices, "2026-01", "calls"));
        // February: 1,000 calls at the price published on Jan 15 (0.02) = 20.00.
        Assert.Equal("20.00", Line(invoices, "2026-02", "calls"));
        Assert.Equal("1000", Quantity(invoices, "2026-02", "calls"));
    }

    private static string Line(JsonArray invoices, string period, string code) => LineOf(invoices, period, code)["amount"]!.GetValue<string>();

    private static string Quantity(JsonArray invoices, string period, string code) => LineOf(invoices, period, code)["quantity"]!.GetValue<string>();

    private static JsonNode LineOf(JsonArray invoices, string period, string code) =>
        invoices.Single(i => i!["period"]?.GetValue<string>() == period)!["lines"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == code)!;

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static JsonObject Calls(string id, string at, int quantity) =>
        new() { ["id"] = id, ["customer"] = "acme", ["meter"] = "api_calls", ["at"] = at, ["properties"] = new JsonObject { ["quantity"] = quantity } };

    private static JsonObject Catalog(string unitPrice) => JsonNode.Parse($$"""
        {"timezone":"UTC","currency":"USD","meters":[{"code":"api_calls","aggregation":"sum","property":"quantity"}],
         "plans":[{"code":"std","period":"month","paymentTermsDays":30,"charges":[{"code":"calls","meter":"api_calls","model":"per_unit","unitPrice":"{{unitPrice}}"}]}]}
        """)!.AsObject();
}
