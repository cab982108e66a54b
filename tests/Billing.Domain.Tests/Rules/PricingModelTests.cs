using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioOutcome;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// The pricing models of Lago and Stripe (scenario-format.md, "Pricing models"): tier flat amounts on
/// <c>graduated</c> and <c>volume</c>, <c>graduated_percentage</c>, <c>percentage</c>, and <c>latest</c> meters
/// (scenario-format.md, "Metering"), played through the scenario runner. Amounts hand-computed in each row.
/// </summary>
public sealed partial class PricingModelTests
{
    /// <summary>Graduated with flat amounts: up to 100 at 0.10 + 5.00, up to 1000 at 0.08 + 3.00, above at 0.05 + 0.</summary>
    private static readonly JsonObject GraduatedWithFlats = Tiered("calls", "usage", "graduated", ("100", "0.10", "5.00"), ("1000", "0.08", "3.00"), (null, "0.05", null));

    /// <summary>Volume with flat amounts: up to 10 at 8 + 20, above at 6 + 50.</summary>
    private static readonly JsonObject VolumeWithFlats = Tiered("seats", "usage", "volume", ("10", "8", "20"), (null, "6", "50"));

    /// <summary>Graduated percentage on value: up to 1000 at 1.0 % + 5.00, above at 0.5 %.</summary>
    private static readonly JsonObject GraduatedPercentage = Tiered("gmv", "usage", "graduated_percentage", ("1000", "1.0", "5.00"), (null, "0.5", null), rate: true);

    [Theory]
    [InlineData("0", "5.00")]        // quantity 0 enters the first tier: its flat amount only
    [InlineData("1", "5.10")]        // 1 × 0.10 + 5
    [InlineData("100", "15.00")]     // exactly at upTo: 10 + 5, the second tier is not entered
    [InlineData("101", "18.08")]     // 10 + 5 + 0.08 + 3
    [InlineData("1000", "90.00")]    // 10 + 5 + 72 + 3
    [InlineData("1001", "90.05")]    // 90 + 0.05 (the open tier has no flat amount)
    public void Graduated_adds_the_flat_amount_of_each_tier_entered(string quantity, string amount) =>
        AssertLine(January(GraduatedWithFlats, quantity).Line("calls"), quantity, amount);

    [Theory]
    [InlineData("0", "20.00")]       // quantity 0 falls in the first tier: 0 × 8 + 20
    [InlineData("10", "100.00")]     // exactly at upTo stays in the first tier: 80 + 20
    [InlineData("11", "116.00")]     // 66 + 50
    public void Volume_adds_the_flat_amount_of_the_tier_the_quantity_falls_in(string quantity, string amount) =>
        AssertLine(January(VolumeWithFlats, quantity).Line("seats"), quantity, amount);

    [Theory]
    [InlineData("0", "5.00")]        // the first tier's flat amount only
    [InlineData("1000", "15.00")]    // exactly at upTo: 1 % of 1000 + 5, the second tier not entered
    [InlineData("1000.01", "15.00")] // 15 + 0.00005 -> 15.00
    [InlineData("1255.74", "16.28")] // 15 + 255.74 × 0.5 % = 16.2787
    [InlineData("3000", "25.00")]    // 15 + 10
    public void Graduated_percentage_charges_each_slice_its_tier_s_rate_plus_flat_amounts(string quantity, string amount) =>
        AssertLine(January(GraduatedPercentage, quantity).Line("gmv"), quantity, amount);

    [Fact]
    public void Tier_flat_amounts_are_not_prorated_when_the_subscription_starts_mid_period()
    {
        // Starts on Jan 16 (16 of 31 days): the flat charge is prorated, the tier's flat amount is not.
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("usage")
            .Plan("std", [GraduatedWithFlats, new JsonObject { ["code"] = "base", ["model"] = "flat", ["amount"] = "31.00" }])
            .Customer("acme", "std", new JsonObject { ["startsAt"] = "2026-01-16T00:00:00Z" })
            .Run();

        Assert.Equal(5.00m, outcome.Usage("acme", "2026-01").Line("calls").Amount);
        Assert.Equal(16.00m, outcome.Usage("acme", "2026-01").Line("base").Amount);
    }

    private static void AssertLine(OutcomeLine line, string quantity, string amount)
    {
        Assert.Equal(Dec(quantity), line.Quantity);
        Assert.Equal(Dec(amount), line.Amount);
    }

    /// <summary>The January invoice of one customer whose plan has this charge on meter <c>usage</c> (sum of <c>quantity</c>), with one event of the quantity (none for 0).</summary>
    private static OutcomeInvoice January(JsonObject charge, string quantity)
    {
        var scenario = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("usage")
            .Plan("std", [charge])
            .Customer("acme", "std");
        if (Dec(quantity) > 0m)
        {
            scenario.Event("e1", "acme", "usage", "2026-01-10T00:00:00Z", new JsonObject { ["quantity"] = quantity });
        }

        return scenario.Run().Usage("acme", "2026-01");
    }

    /// <summary>A tiered charge; each tier is (upTo or null, unitPrice or rate, flatAmount or null).</summary>
    internal static JsonObject Tiered(string code, string meter, string model, params (string? UpTo, string Price, string? Flat)[] tiers) =>
        Tiered(code, meter, model, false, tiers);

    internal static JsonObject Tiered(string code, string meter, string model, (string? UpTo, string Price, string? Flat) first, (string? UpTo, string Price, string? Flat) second, bool rate) =>
        Tiered(code, meter, model, rate, [first, second]);

    private static JsonObject Tiered(string code, string meter, string model, bool rate, (string? UpTo, string Price, string? Flat)[] tiers)
    {
        var array = new JsonArray();
        foreach (var (upTo, price, flat) in tiers)
        {
            var tier = new JsonObject { ["upTo"] = upTo, [rate ? "rate" : "unitPrice"] = price };
            if (flat is not null)
            {
                tier["flatAmount"] = flat;
            }

            array.Add(tier);
        }

        return new JsonObject { ["code"] = code, ["meter"] = meter, ["model"] = model, ["tiers"] = array };
    }
}
