using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Carry-over and forfeiture: without carry-over a monthly allocation ends with its month and a once
/// pack's balance with validTo; with it, monthly allocations last until validTo and a once pack hands its
/// balance to its successor. Usage is consumed in event order, so an expiring pack covers only earlier usage.
/// </summary>
public sealed class CarryOverTests
{
    [Theory]
    [InlineData(false, "15")]   // 30/30: January's unused 20 is forfeited; February 45 - 30 = 15
    [InlineData(true, "0")]     // January's 20 + February's 25 cover the 45
    public void Unused_monthly_allocation_is_forfeited_at_month_end_unless_carried_over(bool carryOver, string febBillable)
    {
        var outcome = PackAllocationTests.Scenario("2026-03-01T03:00:00Z", Pack("p1", "api_calls", "60", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "monthly", carryOver))
            .Event("jan", "acme", "api_calls", "2026-01-10T00:00:00Z", "10")
            .Event("feb", "acme", "api_calls", "2026-02-10T00:00:00Z", "45")
            .Run();

        Assert.Equal(0m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(Dec(febBillable), outcome.Usage("acme", "2026-02").Line("calls").Quantity);
    }

    [Theory]
    [InlineData(false, "0")]    // February's 30 all used; January's 20 gone
    [InlineData(true, "5")]     // 20 + 30 - 45
    public void Remaining_balance_counts_carried_allocations(bool carryOver, string remaining)
    {
        var outcome = PackAllocationTests.Scenario("2026-02-20T00:00:00Z", Pack("p1", "api_calls", "60", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "monthly", carryOver))
            .Event("jan", "acme", "api_calls", "2026-01-10T00:00:00Z", "10")
            .Event("feb", "acme", "api_calls", "2026-02-10T00:00:00Z", "45")
            .Run();

        Assert.Equal(Dec(remaining), outcome.PackRemaining("acme", "p1"));
    }

    [Fact]
    public void A_pack_expiring_mid_period_covers_only_usage_before_its_validTo()
    {
        var outcome = PackAllocationTests.Scenario("2026-02-01T03:00:00Z", Pack("p1", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z"))
            .Event("before", "acme", "api_calls", "2026-01-10T00:00:00Z", "40")
            .Event("after", "acme", "api_calls", "2026-01-20T00:00:00Z", "40")
            .Event("at-validTo", "acme", "api_calls", "2026-01-15T00:00:00Z", "5")   // validity is half-open
            .Run();

        Assert.Equal(45m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(0m, outcome.PackRemaining("acme", "p1"));
    }

    [Theory]
    [InlineData(true, "2026-01-15T00:00:00Z", "0", "20")]    // 70 moves into p2 at Feb 1: 170 covers 150
    [InlineData(false, "2026-01-15T00:00:00Z", "50", "0")]   // forfeited: p2's 100 covers 100 of 150
    [InlineData(true, "2026-02-02T00:00:00Z", "50", "0")]    // p2 bought after p1's validTo: no successor
    public void A_once_pack_carries_its_balance_into_its_successor_at_validTo(bool carryOver, string successorPurchasedAt, string febBillable, string successorLeft)
    {
        var outcome = PackAllocationTests.Scenario(
                "2026-03-01T03:00:00Z",
                Pack("p1", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", carryOver: carryOver),
                Pack("p2", "api_calls", "100", "2026-01-15T00:00:00Z", "2026-03-10T00:00:00Z", purchasedAt: successorPurchasedAt))
            .Event("jan", "acme", "api_calls", "2026-01-05T00:00:00Z", "30")
            .Event("feb", "acme", "api_calls", "2026-02-10T00:00:00Z", "150")
            .Run();

        Assert.Equal(0m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(Dec(febBillable), outcome.Usage("acme", "2026-02").Line("calls").Quantity);
        Assert.Equal(Dec(successorLeft), outcome.PackRemaining("acme", "p2"));
        Assert.Equal(0m, outcome.PackRemaining("acme", "p1"));
    }

    [Fact]
    public void The_successor_is_the_earliest_purchased_pack_still_valid_at_validTo()
    {
        // Candidates at Feb 1: p3 (bought Jan 5) and p2 (bought Jan 10); p4 expired at Jan 20.
        var outcome = PackAllocationTests.Scenario(
                "2026-02-20T00:00:00Z",
                Pack("p1", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", carryOver: true),
                Pack("p2", "api_calls", "100", "2026-01-10T00:00:00Z", "2026-03-01T00:00:00Z"),
                Pack("p3", "api_calls", "100", "2026-01-05T00:00:00Z", "2026-03-01T00:00:00Z"),
                Pack("p4", "api_calls", "100", "2026-01-02T00:00:00Z", "2026-01-20T00:00:00Z"))
            .Run();

        Assert.Equal(200m, outcome.PackRemaining("acme", "p3"));
        Assert.Equal(100m, outcome.PackRemaining("acme", "p2"));
    }

    [Fact]
    public void A_carried_balance_lives_as_long_as_the_successor()
    {
        // p2 holds 100 + 70 carried until Mar 10; after that nothing is left to cover March usage.
        var outcome = PackAllocationTests.Scenario(
                "2026-04-01T03:00:00Z",
                Pack("p1", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", carryOver: true),
                Pack("p2", "api_calls", "100", "2026-01-15T00:00:00Z", "2026-03-10T00:00:00Z"))
            .Event("jan", "acme", "api_calls", "2026-01-05T00:00:00Z", "30")
            .Event("mar-early", "acme", "api_calls", "2026-03-05T00:00:00Z", "160")
            .Event("mar-late", "acme", "api_calls", "2026-03-15T00:00:00Z", "20")
            .Run();

        Assert.Equal(20m, outcome.Usage("acme", "2026-03").Line("calls").Quantity);
    }

    [Fact]
    public void Pack_expiring_alert_comes_a_week_before_validTo_only_with_a_balance_left()
    {
        var outcome = PackAllocationTests.Scenario(
                "2026-02-05T00:00:00Z",
                Pack("used-up", "api_calls", "10", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
                Pack("left", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "10")
            .Run();

        Assert.Contains("2026-01-25T00:00:00Z pack_expiring left", outcome.TimelineOf("acme"));
        Assert.DoesNotContain(outcome.TimelineOf("acme"), e => e.EndsWith("pack_expiring used-up", StringComparison.Ordinal));
    }

    [Fact]
    public void Pack_low_alert_fires_once_when_the_balance_falls_strictly_below_10_percent()
    {
        var outcome = PackAllocationTests.Scenario("2026-01-20T00:00:00Z", Pack("p1", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"))
            .Event("to-10", "acme", "api_calls", "2026-01-05T00:00:00Z", "90")    // 10 left: not below 10 %
            .Event("to-9", "acme", "api_calls", "2026-01-06T00:00:00Z", "1")      // 9 left: below
            .Event("to-8", "acme", "api_calls", "2026-01-07T00:00:00Z", "1")
            .Run();

        Assert.Equal(new[] { "2026-01-06T00:00:00Z pack_low p1" }, outcome.TimelineOf("acme").Where(e => e.Contains("pack_low", StringComparison.Ordinal)));
    }
}
