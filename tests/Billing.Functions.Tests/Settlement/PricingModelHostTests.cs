using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// The pricing models through the host: a charge whose model changes in a new catalog version keeps the old model
/// for the period in progress, the estimate prices percentage charges, and the catalog route refuses inconsistent
/// models and money amounts with more decimals than the currency with a 400 naming the field.
/// </summary>
public sealed class PricingModelHostTests
{
    [Fact]
    public async Task A_charge_model_change_mid_period_applies_from_the_next_period()
    {
        var scenario = JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("""{"code":"fees","meter":"payments","model":"per_unit","unitPrice":"0.01"}"""));
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/shop", JsonNode.Parse("""{"plan":"std","name":"Shop","startsAt":"2026-01-01T00:00:00Z"}""")!.AsObject());

        await host.AdvanceAsync(At("2026-01-10T00:00:00Z"));
        await host.PostUsageAsync(Payment("j1", "2026-01-10T00:00:00Z", "1000"));
        await host.AdvanceAsync(At("2026-01-15T00:00:00Z"));
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("""{"code":"fees","meter":"payments","model":"percentage","rate":"2","fixedAmount":"0.30","freeEvents":1}"""));
        await host.PostUsageAsync(Payment("j2", "2026-01-15T00:00:00Z", "1000"));
        await host.AdvanceAsync(At("2026-02-10T00:00:00Z"));
        await host.PostUsageAsync(Payment("f1", "2026-02-10T00:00:00Z", "1000"));
        await host.AdvanceAsync(At("2026-02-11T00:00:00Z"));
        await host.PostUsageAsync(Payment("f2", "2026-02-11T00:00:00Z", "500"));
        await host.AdvanceAsync(At("2026-03-05T00:00:00Z"));

        var invoices = (await host.GetJsonAsync("/api/customers/shop/invoices")).AsArray();
        // January, per unit as when it started: 2,000 × 0.01 = 20.00 (as a percentage it would be 20.30).
        Assert.Equal("20.00", LineOf(invoices, "2026-01")["amount"]!.GetValue<string>());
        // February, percentage: f1 is the free event; f2 pays 500 × 2 % + 0.30 = 10.30.
        Assert.Equal("10.30", LineOf(invoices, "2026-02")["amount"]!.GetValue<string>());
        Assert.Equal("1500", LineOf(invoices, "2026-02")["quantity"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_estimate_prices_percentage_charges_from_a_number_of_transactions_and_their_total_value()
    {
        var scenario = JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("""{"code":"fees","meter":"payments","model":"percentage","rate":"2","fixedAmount":"0.30","freeEvents":1}"""));

        var estimate = await host.SendForJsonAsync(HttpMethod.Post, "/api/estimate", JsonNode.Parse("""{"plan":"std","usage":{"payments":{"transactions":4,"value":"1000"}}}""")!.AsObject());

        // 4 transactions of 250: the first is free, 3 pay 250 × 2 % + 0.30 = 5.30 each: 15.90 on a value of 1000.
        var line = estimate["lines"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "fees")!;
        Assert.Equal("15.90", line["amount"]!.GetValue<string>());
        Assert.Equal("1000", line["quantity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publishing_an_inconsistent_pricing_model_is_refused_with_a_400_naming_the_field()
    {
        var scenario = JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        var cases = new (string Charge, string Field)[]
        {
            ("""{"code":"fees","meter":"seats","model":"percentage","rate":"2"}""", "plans[0].charges[0].meter"),
            ("""{"code":"fees","meter":"payments","model":"percentage","rate":"-1"}""", "plans[0].charges[0].rate"),
            ("""{"code":"fees","meter":"payments","model":"percentage","rate":"1","freeEvents":-2}""", "plans[0].charges[0].freeEvents"),
            ("""{"code":"fees","meter":"payments","model":"graduated_percentage","tiers":[{"upTo":null,"rate":"1","unitPrice":"0.1"}]}""", "plans[0].charges[0].tiers[0]"),
            ("""{"code":"fees","meter":"payments","model":"graduated","tiers":[{"upTo":null,"unitPrice":"0.1","flatAmount":"-5"}]}""", "plans[0].charges[0].tiers[0].flatAmount"),
            ("""{"code":"fees","meter":"payments","model":"graduated","tiers":[{"upTo":null,"unitPrice":"0.1","flatAmount":"5.005"}]}""", "plans[0].charges[0].tiers[0].flatAmount"),
            ("""{"code":"fees","model":"flat","amount":"9.999"}""", "plans[0].charges[0].amount"),
        };

        foreach (var (charge, field) in cases)
        {
            var catalog = Catalog(charge);
            catalog["meters"]!.AsArray().Add(JsonNode.Parse("""{"code":"seats","aggregation":"latest","property":"seats"}"""));
            using var response = await host.TrySendAsync(HttpMethod.Put, "/api/manage/catalog", catalog);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{charge}: {(int)response.StatusCode} {problem}");
            Assert.True(problem["errors"]?[field] is not null, $"{charge}: {problem}");
        }

        Assert.Empty((await host.GetJsonAsync("/api/manage/catalog")).AsArray());
    }

    private static JsonNode LineOf(JsonArray invoices, string period) =>
        invoices.Single(i => i!["period"]?.GetValue<string>() == period)!["lines"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "fees")!;

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static JsonObject Payment(string id, string at, string amount) =>
        new() { ["id"] = id, ["customer"] = "shop", ["meter"] = "payments", ["at"] = at, ["properties"] = new JsonObject { ["amount"] = amount } };

    private static JsonObject Catalog(string charge) => JsonNode.Parse($$"""
        {"timezone":"UTC","currency":"USD","meters":[{"code":"payments","aggregation":"sum","property":"amount"}],
         "plans":[{"code":"std","period":"month","paymentTermsDays":30,"charges":[{{charge}}]}]}
        """)!.AsObject();
}
