using System.Text.Json.Nodes;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>
/// The bounds of a catalog's numbers (README, "Catalog: meters and pricing models"): prices and amounts at most
/// 10^12, rates at most 100 percent, tier bounds, package sizes, free quotas and rounding increments at most 10^15,
/// at most 12 decimal places as written, no minus sign even on zero. A catalog beyond them exits 2 naming the field;
/// one at every bound runs and prices an event of the largest quantity ingestion takes (10^12) without overflow.
/// </summary>
public sealed class CatalogBoundsTests
{
    private const string AtTheBounds = """
        {
          "start": "2026-01-01T00:00:00Z", "end": "2026-02-01T03:00:00Z", "timezone": "UTC", "currency": "USD",
          "meters": [ { "code": "calls", "aggregation": "sum", "property": "quantity" },
                      { "code": "payments", "aggregation": "sum", "property": "amount" },
                      { "code": "seats", "aggregation": "latest", "property": "seats" },
                      { "code": "gb", "aggregation": "sum", "property": "gb", "rounding": { "increment": "0.000000000001", "mode": "up" } },
                      { "code": "tb", "aggregation": "sum", "property": "tb", "rounding": { "increment": "1000000000000000", "mode": "up" } } ],
          "plans": [ { "code": "std", "period": "month", "paymentTermsDays": 30,
                       "charges": [
                         { "code": "unit", "meter": "calls", "model": "per_unit", "unitPrice": "1000000000000" },
                         { "code": "grad", "meter": "calls", "model": "graduated",
                           "tiers": [ { "upTo": "1000000000000000", "unitPrice": "0.000000000001", "flatAmount": "1000000000000.00" },
                                      { "upTo": null, "unitPrice": "1000000000000", "flatAmount": "1000000000000" } ] },
                         { "code": "vol", "meter": "seats", "model": "volume",
                           "tiers": [ { "upTo": "1000000000000000", "unitPrice": "1000000000000", "flatAmount": "1000000000000" },
                                      { "upTo": null, "unitPrice": "0" } ] },
                         { "code": "pkg", "meter": "calls", "model": "package", "packageSize": "1", "packagePrice": "1000000000000" },
                         { "code": "tiny", "meter": "gb", "model": "package", "packageSize": "0.000000000001", "packagePrice": "0.000000000001" },
                         { "code": "huge", "meter": "tb", "model": "package", "packageSize": "1000000000000000", "packagePrice": "1000000000000" },
                         { "code": "card", "meter": "payments", "model": "percentage", "rate": "100", "fixedAmount": "1000000000000" },
                         { "code": "gmv", "meter": "payments", "model": "graduated_percentage",
                           "tiers": [ { "upTo": "1000000000000000", "rate": "100", "flatAmount": "1000000000000" },
                                      { "upTo": null, "rate": "0.000000000001" } ] },
                         { "code": "base", "model": "flat", "amount": "1000000000000.00" } ],
                       "freeQuota": [ { "meter": "tb", "quantity": "1000000000000000", "per": "period" } ] } ],
          "customers": [ { "id": "big", "plan": "std" } ],
          "events": [
            { "id": "c1", "customer": "big", "meter": "calls", "at": "2026-01-05T00:00:00Z", "properties": { "quantity": 1000000000000 } },
            { "id": "p1", "customer": "big", "meter": "payments", "at": "2026-01-05T00:00:00Z", "properties": { "amount": "1000000000000" } },
            { "id": "s1", "customer": "big", "meter": "seats", "at": "2026-01-05T00:00:00Z", "properties": { "seats": 1000000000000 } },
            { "id": "g1", "customer": "big", "meter": "gb", "at": "2026-01-05T00:00:00Z", "properties": { "gb": "1000000000000" } },
            { "id": "t1", "customer": "big", "meter": "tb", "at": "2026-01-05T00:00:00Z", "properties": { "tb": "1" } }
          ]
        }
        """;

    public static TheoryData<string, string, string> Refused() => new()
    {
        // Prices and amounts: at most 10^12; what made pricing overflow decimal was accepted before.
        { "plans[0].charges[0].unitPrice", "79228162514264337593543950335", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[0].unitPrice", "99999999999999999999", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[0].unitPrice", "1000000000000.000000000001", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[0].unitPrice", "1e13", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[8].amount", "1000000000000000000.00", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[8].amount", "1000000000000.01", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[1].tiers[1].unitPrice", "1000000000001", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[1].tiers[0].flatAmount", "1000000000000.01", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[2].tiers[0].unitPrice", "1000000000001", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[2].tiers[1].flatAmount", "1000000000001", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[3].packagePrice", "1000000000001", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[6].fixedAmount", "1000000000001", "must be at most 1,000,000,000,000" },
        { "plans[0].charges[7].tiers[0].flatAmount", "1000000000001", "must be at most 1,000,000,000,000" },

        // Rates are percent: at most 100.
        { "plans[0].charges[6].rate", "1000000000000", "must be at most 100" },
        { "plans[0].charges[6].rate", "1e28", "must be at most 100" },
        { "plans[0].charges[6].rate", "100.000000000001", "must be at most 100" },
        { "plans[0].charges[7].tiers[1].rate", "101", "must be at most 100" },

        // Quantities of the catalog (period totals): at most 10^15.
        { "plans[0].charges[1].tiers[0].upTo", "1000000000000001", "must be at most 1,000,000,000,000,000" },
        { "plans[0].charges[5].packageSize", "1e16", "must be at most 1,000,000,000,000,000" },
        { "plans[0].freeQuota[0].quantity", "1000000000000001", "must be at most 1,000,000,000,000,000" },
        { "meters[4].rounding.increment", "1000000000000001", "must be at most 1,000,000,000,000,000" },

        // At most 12 decimal places as written; a value decimal would round away is refused, not rounded.
        { "plans[0].charges[0].unitPrice", "0.00000000000000000000000000001", "has more than 12 decimal places" },
        { "plans[0].charges[0].unitPrice", "0.0000000000001", "has more than 12 decimal places" },
        { "plans[0].charges[0].unitPrice", "1e-13", "has more than 12 decimal places" },
        { "plans[0].charges[6].rate", "2.9000000000001", "has more than 12 decimal places" },
        { "plans[0].charges[4].packageSize", "0.0000000000001", "has more than 12 decimal places" },
        { "meters[3].rounding.increment", "0.0000000000001", "has more than 12 decimal places" },
        { "plans[0].charges[8].amount", "1.0000000000000000000000000001", "has more than 12 decimal places" },

        // No minus sign, not even on zero.
        { "plans[0].charges[0].unitPrice", "-0", "must not be negative" },
        { "plans[0].charges[8].amount", "-0.00", "must not be negative" },
        { "plans[0].charges[6].fixedAmount", "-0", "must not be negative" },
        { "plans[0].charges[7].tiers[1].rate", "-0e3", "must not be negative" },
        { "plans[0].freeQuota[0].quantity", "-0", "must not be negative" },
    };

    [Fact]
    public async Task A_catalog_at_every_bound_runs_and_prices_the_largest_event_without_overflow()
    {
        var result = await BillingProgram.RunScenarioAsync(AtTheBounds);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
        var invoice = Assert.Single(JsonNode.Parse(result.StdOut)!["invoices"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "usage")!;
        var amounts = invoice["lines"]!.AsArray().ToDictionary(l => l!["code"]!.GetValue<string>(), l => decimal.Parse(l!["amount"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1e24m, amounts["unit"]);                          // 10^12 calls × 10^12
        Assert.Equal(1_000_000_000_001m, amounts["grad"]);             // 10^12 × 10^-12 + 10^12 flat
        Assert.Equal(1e24m + 1e12m, amounts["vol"]);                   // 10^12 seats × 10^12 + 10^12 flat
        Assert.Equal(1e24m, amounts["pkg"]);                           // 10^12 packages of 1 × 10^12
        Assert.Equal(1e12m, amounts["tiny"]);                          // 10^24 packages of 10^-12 GB × 10^-12
        Assert.Equal(0m, amounts["huge"]);                             // 1 TB rounds up to 10^15, all free quota
        Assert.Equal(2e12m, amounts["card"]);                          // 10^12 × 100 % + 10^12
        Assert.Equal(2e12m, amounts["gmv"]);                           // 10^12 × 100 % + 10^12 flat
        Assert.Equal(1e12m, amounts["base"]);
        Assert.Equal(amounts.Values.Sum(), decimal.Parse(invoice["total"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_number_beyond_its_bound_exits_2_naming_the_field(string path, string value, string problem)
    {
        var root = JsonNode.Parse(AtTheBounds)!.AsObject();
        JsonPaths.Set(root, path, value);

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.StartsWith($"{path}: {problem}", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "0.5", "1000000000000")]              // 2 × 10^12 per unit
    [InlineData(4, "0.000000000001", "1000")]            // 10^15 per unit
    public async Task A_package_price_over_its_size_is_held_to_the_largest_unit_price(int charge, string packageSize, string packagePrice)
    {
        var root = JsonNode.Parse(AtTheBounds)!.AsObject();
        JsonPaths.Set(root, $"plans[0].charges[{charge}].packageSize", packageSize);
        JsonPaths.Set(root, $"plans[0].charges[{charge}].packagePrice", packagePrice);

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"plans[0].charges[{charge}].packagePrice: makes more than 1,000,000,000,000 per unit", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plans[0].charges[0].unitPrice", 1e13)]
    [InlineData("plans[0].charges[6].rate", 1e28)]
    public async Task A_json_number_is_held_to_the_same_bounds_as_a_string(string path, double value)
    {
        var root = JsonNode.Parse(AtTheBounds)!.AsObject();
        JsonPaths.Set(root, path, JsonValue.Create(value));

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{path}: must be at most", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
