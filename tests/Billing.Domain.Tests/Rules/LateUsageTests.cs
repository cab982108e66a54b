using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Late usage: an event received after its period was settled takes nothing from packs or free quota and
/// becomes a line <c>charge@period</c> on the next usage invoice, amount = round(price(billed + late)) −
/// round(price(billed)). Tiers used: up to 100 at 1.00, above at 0.50.
/// </summary>
public sealed class LateUsageTests
{
    [Fact]
    public void A_late_line_prices_the_delta_across_a_graduated_tier_boundary()
    {
        // January billed 90 (90.00). 20 more arrive late: price(110) = 100 + 5 = 105.00; delta 15.00.
        var outcome = Scenario()
            .Event("on-time", "acme", "api_calls", "2026-01-10T00:00:00Z", "90")
            .Event("late", "acme", "api_calls", "2026-01-25T00:00:00Z", "20", receivedAt: "2026-02-05T00:00:00Z")
            .Run();

        Assert.Equal(90.00m, outcome.Usage("acme", "2026-01").Line("calls").Amount);
        var february = outcome.Usage("acme", "2026-02");
        Assert.Equal(new OutcomeLine("calls@2026-01", 20m, 15.00m), february.Line("calls@2026-01"));
        Assert.Equal(new OutcomeLine("calls", 0m, 0m), february.Line("calls"));
        Assert.Equal(15.00m, february.Subtotal);
    }

    [Fact]
    public void Late_usage_takes_nothing_from_free_quota_or_packs()
    {
        // 200 free per period and a pack of 1000: January's 90 comes from the pack (910 left), the late 20 is billed in full.
        var outcome = Scenario(
                FreeQuota("api_calls", "200"),
                new() { ["packs"] = Array(Pack("p1", "api_calls", "1000", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z")) })
            .Event("on-time", "acme", "api_calls", "2026-01-10T00:00:00Z", "90")
            .Event("late", "acme", "api_calls", "2026-01-25T00:00:00Z", "20", receivedAt: "2026-02-05T00:00:00Z")
            .Run();

        Assert.Equal(0m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(new OutcomeLine("calls@2026-01", 20m, 20.00m), outcome.Usage("acme", "2026-02").Line("calls@2026-01"));
        Assert.Equal(910m, outcome.PackRemaining("acme", "p1"));
    }

    [Fact]
    public void A_second_late_arrival_is_priced_on_top_of_everything_billed_before()
    {
        // Billed 90, then 20 late (15.00 on February's invoice), then 10 late: price(120) - price(110) = 110 - 105 = 5.00.
        var outcome = Scenario(end: "2026-04-01T03:00:00Z")
            .Event("on-time", "acme", "api_calls", "2026-01-10T00:00:00Z", "90")
            .Event("late-1", "acme", "api_calls", "2026-01-25T00:00:00Z", "20", receivedAt: "2026-02-05T00:00:00Z")
            .Event("late-2", "acme", "api_calls", "2026-01-26T00:00:00Z", "10", receivedAt: "2026-03-05T00:00:00Z")
            .Run();

        Assert.Equal(new OutcomeLine("calls@2026-01", 20m, 15.00m), outcome.Usage("acme", "2026-02").Line("calls@2026-01"));
        Assert.Equal(new OutcomeLine("calls@2026-01", 10m, 5.00m), outcome.Usage("acme", "2026-03").Line("calls@2026-01"));
    }

    [Fact]
    public void Late_usage_of_several_periods_gives_one_line_per_period()
    {
        var outcome = Scenario(end: "2026-04-01T03:00:00Z")
            .Event("jan", "acme", "api_calls", "2026-01-10T00:00:00Z", "150")
            .Event("jan-late", "acme", "api_calls", "2026-01-20T00:00:00Z", "10", receivedAt: "2026-03-10T00:00:00Z")
            .Event("feb-late", "acme", "api_calls", "2026-02-20T00:00:00Z", "10", receivedAt: "2026-03-10T00:00:00Z")
            .Run();

        var march = outcome.Usage("acme", "2026-03");
        Assert.Equal(new OutcomeLine("calls@2026-01", 10m, 5.00m), march.Line("calls@2026-01"));    // 150 -> 160, all in tier 2
        Assert.Equal(new OutcomeLine("calls@2026-02", 10m, 10.00m), march.Line("calls@2026-02"));   // 0 -> 10, tier 1
        Assert.DoesNotContain(outcome.Usage("acme", "2026-02").Lines, l => l.Code.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public void A_late_line_rounds_each_price_before_taking_the_difference()
    {
        // per_unit 0.005: billed 1 -> 0.01; with 1 late, 2 -> 0.01; the delta is 0.00, not round(0.005) = 0.01.
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "0.005")])
            .Customer("acme", "std")
            .Event("on-time", "acme", "api_calls", "2026-01-10T00:00:00Z", "1")
            .Event("late", "acme", "api_calls", "2026-01-25T00:00:00Z", "1", receivedAt: "2026-02-05T00:00:00Z")
            .Run();

        Assert.Equal(new OutcomeLine("calls@2026-01", 1m, 0m), outcome.Usage("acme", "2026-02").Line("calls@2026-01"));
    }

    private static ScenarioBuilder Scenario(System.Text.Json.Nodes.JsonObject? plan = null, System.Text.Json.Nodes.JsonObject? customer = null, string end = "2026-03-01T03:00:00Z") =>
        ScenarioBuilder.Window("2026-01-01T00:00:00Z", end)
            .Meter("api_calls")
            .Plan("std", [Graduated("calls", "api_calls", "100:1.00", "*:0.50")], extra: plan)
            .Customer("acme", "std", customer);
}
