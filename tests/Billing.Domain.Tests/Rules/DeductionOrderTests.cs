using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Deduction: each event, in event-time order, takes from the sources of the plan's deductionOrder
/// (default packs, then free quota); packs by earliest purchasedAt, then smallest quantity, then code.
/// </summary>
public sealed class DeductionOrderTests
{
    private const string From = "2026-01-01T00:00:00Z";
    private const string To = "2026-03-01T00:00:00Z";

    [Fact]
    public void The_earliest_purchased_pack_is_used_first_even_when_larger()
    {
        var outcome = PackAllocationTests.Scenario(
                "2026-01-20T00:00:00Z",
                Pack("later", "api_calls", "100", From, To, purchasedAt: "2026-01-02T00:00:00Z"),
                Pack("earlier", "api_calls", "1000", From, To, purchasedAt: "2026-01-01T00:00:00Z"))
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "50")
            .Run();

        Assert.Equal(950m, outcome.PackRemaining("acme", "earlier"));
        Assert.Equal(100m, outcome.PackRemaining("acme", "later"));
    }

    [Fact]
    public void With_equal_purchase_times_the_smaller_pack_is_used_first()
    {
        var outcome = PackAllocationTests.Scenario(
                "2026-01-20T00:00:00Z",
                Pack("a-big", "api_calls", "1000", From, To),
                Pack("z-small", "api_calls", "100", From, To))
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "50")
            .Run();

        Assert.Equal(1000m, outcome.PackRemaining("acme", "a-big"));
        Assert.Equal(50m, outcome.PackRemaining("acme", "z-small"));
    }

    [Fact]
    public void With_equal_purchase_times_and_quantities_the_code_decides()
    {
        var outcome = PackAllocationTests.Scenario(
                "2026-01-20T00:00:00Z",
                Pack("b", "api_calls", "100", From, To),
                Pack("a", "api_calls", "100", From, To))
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "150")
            .Run();

        Assert.Equal(0m, outcome.PackRemaining("acme", "a"));
        Assert.Equal(50m, outcome.PackRemaining("acme", "b"));
    }

    [Theory]
    [InlineData(null, "300", "700", "0")]                   // default: packs first, quota untouched
    [InlineData(null, "1150", "0", "50")]                   // pack 1000, then quota 100, 50 billable
    [InlineData("free_quota,packs", "300", "800", "0")]     // quota 100 first, pack 200
    [InlineData("free_quota,packs", "1150", "0", "50")]
    [InlineData("packs", "1050", "0", "50")]                // quota not in the order: never used
    [InlineData("free_quota", "300", "1000", "200")]        // packs not in the order: never used
    public void Deduction_follows_the_plans_order(string? order, string quantity, string packLeft, string billable)
    {
        var plan = FreeQuota("api_calls", "100");
        if (order is not null)
        {
            plan["deductionOrder"] = new System.Text.Json.Nodes.JsonArray(order.Split(',').Select(s => (System.Text.Json.Nodes.JsonNode?)s).ToArray());
        }

        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")], extra: plan)
            .Customer("acme", "std", new() { ["packs"] = Array(Pack("p1", "api_calls", "1000", From, To)) })
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", quantity)
            .Run();

        Assert.Equal(ScenarioOutcome.Dec(billable), outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(ScenarioOutcome.Dec(packLeft), outcome.PackRemaining("acme", "p1"));
    }

    [Theory]
    [InlineData("period", "50", "0")]    // 100 each period: Jan 150 -> 50; Feb 80 -> 0
    [InlineData("once", "50", "80")]     // one grant of 100: Jan takes it all
    public void Free_quota_renews_each_period_or_is_granted_once(string per, string janBillable, string febBillable)
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")], extra: FreeQuota("api_calls", "100", per))
            .Customer("acme", "std")
            .Event("jan", "acme", "api_calls", "2026-01-05T00:00:00Z", "150")
            .Event("feb", "acme", "api_calls", "2026-02-05T00:00:00Z", "80")
            .Run();

        Assert.Equal(ScenarioOutcome.Dec(janBillable), outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(ScenarioOutcome.Dec(febBillable), outcome.Usage("acme", "2026-02").Line("calls").Quantity);
    }

    [Fact]
    public void Free_quota_is_not_prorated_for_a_mid_period_start()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")], extra: FreeQuota("api_calls", "100"))
            .Customer("acme", "std", new() { ["startsAt"] = "2026-01-25T00:00:00Z" })
            .Event("e1", "acme", "api_calls", "2026-01-26T00:00:00Z", "150")
            .Run();

        Assert.Equal(50m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
    }

    [Fact]
    public void Out_of_order_arrival_within_the_grace_is_deducted_in_event_time_order()
    {
        // "long" (first in order) covers both events' times; "short" expires on Jan 11.
        // In event time, Jan 10 takes long's 100 and Jan 12 finds long empty and short expired: 100 billable.
        // In arrival order Jan 12 would take long and Jan 10 short: nothing billable.
        var outcome = PackAllocationTests.Scenario(
                "2026-02-01T03:00:00Z",
                Pack("long", "api_calls", "100", From, "2026-02-01T00:00:00Z", purchasedAt: "2026-01-01T00:00:00Z"),
                Pack("short", "api_calls", "100", From, "2026-01-11T00:00:00Z", purchasedAt: "2026-01-02T00:00:00Z"))
            .Event("jan12", "acme", "api_calls", "2026-01-12T00:00:00Z", "100")
            .Event("jan10", "acme", "api_calls", "2026-01-10T00:00:00Z", "100", receivedAt: "2026-01-13T00:00:00Z")
            .Run();

        Assert.Equal(100m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
    }

    [Fact]
    public void An_event_received_within_the_grace_counts_in_its_own_period()
    {
        // January is settled at Feb 1 02:00; received at 01:30 the event is on time.
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")], extra: FreeQuota("api_calls", "100"))
            .Customer("acme", "std")
            .Event("e1", "acme", "api_calls", "2026-01-31T23:00:00Z", "150", receivedAt: "2026-02-01T01:30:00Z")
            .Run();

        Assert.Equal(50m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.DoesNotContain(outcome.Usage("acme", "2026-02").Lines, l => l.Code.Contains('@', StringComparison.Ordinal));
    }
}
