using System.Text.Json.Nodes;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>
/// Money amounts with more decimals than the scenario's currency are refused (exit 2 naming the JSON path),
/// never rounded: payments, installments, pack prices, amount coupons, flat amounts, tier flat amounts and
/// credit limits. Unit prices, rates, package prices and per-event fixed amounts are priced before the line
/// is rounded, so they may carry more decimals.
/// </summary>
public sealed class AmountPrecisionTests
{
    private const string Valid = """
        {
          "start": "2026-01-01T00:00:00Z", "end": "2026-03-01T03:00:00Z", "timezone": "UTC", "currency": "USD",
          "meters": [ { "code": "api_calls", "aggregation": "sum", "property": "quantity" },
                      { "code": "payments", "aggregation": "sum", "property": "amount" } ],
          "plans": [ { "code": "std", "period": "month", "paymentTermsDays": 10,
                       "charges": [ { "code": "calls", "meter": "api_calls", "model": "graduated",
                                      "tiers": [ { "upTo": "100", "unitPrice": "0.10", "flatAmount": "1.00" }, { "upTo": null, "unitPrice": "0.05" } ] },
                                    { "code": "bundles", "meter": "api_calls", "model": "package", "packageSize": "10", "packagePrice": "0.50" },
                                    { "code": "card", "meter": "payments", "model": "percentage", "rate": "2.9", "fixedAmount": "0.30" },
                                    { "code": "platform", "model": "flat", "amount": "10.00" } ] } ],
          "customers": [
            { "id": "acme", "plan": "std", "creditLimit": "5000.00",
              "coupons": [ { "code": "W", "amountOff": "5.00", "periods": 1 } ],
              "packs": [ { "code": "p1", "meter": "api_calls", "quantity": "100", "price": "8.00",
                           "purchasedAt": "2026-01-01T00:00:00Z", "validFrom": "2026-01-01T00:00:00Z",
                           "validTo": "2026-03-01T00:00:00Z", "allocation": "once" } ] }
          ],
          "events": [ { "id": "e1", "customer": "acme", "meter": "api_calls", "at": "2026-01-05T00:00:00Z", "properties": { "quantity": 150 } } ],
          "paymentPlans": [ { "customer": "acme", "period": "2026-01", "createdAt": "2026-02-02T00:00:00Z",
                              "installments": [ { "amount": "5.00", "dueAt": "2026-02-20T00:00:00Z" } ] } ],
          "payments": [ { "id": "pay1", "customer": "acme", "at": "2026-01-20T00:00:00Z", "amount": "5.00", "period": "2026-01" } ]
        }
        """;

    [Fact]
    public async Task The_unchanged_scenario_runs()
    {
        var result = await BillingProgram.RunScenarioAsync(Valid);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
    }

    [Theory]
    [InlineData("payments[0].amount", "5.001")]
    [InlineData("paymentPlans[0].installments[0].amount", "5.005")]
    [InlineData("customers[0].packs[0].price", "8.001")]
    [InlineData("customers[0].coupons[0].amountOff", "0.125")]
    [InlineData("customers[0].creditLimit", "5000.0001")]
    [InlineData("plans[0].charges[3].amount", "9.999")]
    [InlineData("plans[0].charges[0].tiers[0].flatAmount", "1.005")]
    public async Task A_money_amount_with_more_decimals_than_the_currency_exits_2_naming_the_path(string path, string amount)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        JsonPaths.Set(root, path, amount);

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.Equal($"{path}: has more decimals than USD allows (2)", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("payments[0].amount", "5.000000")]                      // trailing zeros are no precision
    [InlineData("plans[0].charges[0].tiers[0].unitPrice", "0.0001")]    // unit prices are priced before rounding
    [InlineData("plans[0].charges[1].packagePrice", "0.125")]
    [InlineData("plans[0].charges[2].rate", "2.95")]
    [InlineData("plans[0].charges[2].fixedAmount", "0.005")]            // per-event fees are summed unrounded
    public async Task Prices_and_rates_may_carry_more_decimals_than_the_currency(string path, string value)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        JsonPaths.Set(root, path, value);

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
    }

    [Theory]
    [InlineData("JPY", "500", 0)]
    [InlineData("JPY", "500.0", 0)]
    [InlineData("JPY", "500.5", 2)]
    [InlineData("KWD", "5.005", 0)]
    [InlineData("KWD", "5.0005", 2)]
    public async Task The_currency_s_minor_unit_decides(string currency, string amount, int exitCode)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        root["currency"] = currency;
        JsonPaths.Set(root, "payments[0].amount", amount);

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(exitCode, result.ExitCode);
    }
}
