using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// <c>percentage</c>: per event in event-time order (at, ties: id), the first <c>freeEvents</c> free, every
/// other event its billable part × rate / 100 + fixedAmount; summed unrounded, the line rounded once.
/// Charge used: 2.9 % + 0.30, 2 free events.
/// </summary>
public sealed partial class PricingModelTests
{
    private static readonly JsonObject Card = new() { ["code"] = "card", ["meter"] = "payments", ["model"] = "percentage", ["rate"] = "2.9", ["fixedAmount"] = "0.30", ["freeEvents"] = 2 };

    [Theory]
    [InlineData(new string[0], "0", "0.00")]                                   // no events
    [InlineData(new[] { "120.00", "80.50" }, "200.50", "0.00")]                // freeEvents (2) at least the events: nothing to pay
    [InlineData(new[] { "120.00", "80.50", "999.99" }, "1200.49", "29.30")]     // 999.99 × 2.9 % + 0.30 = 29.29971
    [InlineData(new[] { "1", "1", "0.01", "0.01" }, "2.02", "0.60")]           // 2 × (0.00029 + 0.30) = 0.60058: fees summed unrounded
    public void Percentage_charges_every_event_after_the_free_ones(string[] amounts, string quantity, string amount)
    {
        var scenario = Payments(Card);
        for (var i = 0; i < amounts.Length; i++)
        {
            scenario.Event($"p{i}", "shop", "payments", $"2026-01-{10 + i}T00:00:00Z", new JsonObject { ["amount"] = amounts[i] });
        }

        AssertLine(scenario.Run().Usage("shop", "2026-01").Line("card"), quantity, amount);
    }

    [Theory]
    [InlineData("a", "b", "c", "0.59")]  // at the same instant a, b are free; c (10) pays 0.29 + 0.30
    [InlineData("c", "b", "a", "3.20")]  // now the 100 (id c) is third by id and pays 2.90 + 0.30
    [InlineData("\U0001F600", "b", "\uFF5E", "3.20")]  // by code point U+FF5E comes before U+1F600: the 100 is third
    public void Events_at_the_same_instant_are_taken_in_id_order(string idOfHundred, string idOfFifty, string idOfTen, string amount)
    {
        var outcome = Payments(Card)
            .Event(idOfHundred, "shop", "payments", "2026-01-10T00:00:00Z", new JsonObject { ["amount"] = "100" })
            .Event(idOfFifty, "shop", "payments", "2026-01-10T00:00:00Z", new JsonObject { ["amount"] = "50" })
            .Event(idOfTen, "shop", "payments", "2026-01-10T00:00:00Z", new JsonObject { ["amount"] = "10" })
            .Run();

        AssertLine(outcome.Usage("shop", "2026-01").Line("card"), "160", amount);
    }

    [Fact]
    public void Events_covered_by_free_quota_still_pay_the_fixed_amount()
    {
        // 150 free per period covers the first 100 and 50 of the second: the third pays 1 % of 100 + 0.25 =
        // 1.25, the second 1 % of its billable 50 + 0.25 = 0.75, the first (all covered) 0.25: 2.25.
        var charge = new JsonObject { ["code"] = "card", ["meter"] = "payments", ["model"] = "percentage", ["rate"] = "1", ["fixedAmount"] = "0.25" };
        var outcome = Payments(charge, new JsonObject { ["freeQuota"] = new JsonArray(new JsonObject { ["meter"] = "payments", ["quantity"] = "150", ["per"] = "period" }) })
            .Event("p1", "shop", "payments", "2026-01-10T00:00:00Z", new JsonObject { ["amount"] = "100" })
            .Event("p2", "shop", "payments", "2026-01-11T00:00:00Z", new JsonObject { ["amount"] = "100" })
            .Event("p3", "shop", "payments", "2026-01-12T00:00:00Z", new JsonObject { ["amount"] = "100" })
            .Run();

        AssertLine(outcome.Usage("shop", "2026-01").Line("card"), "150", "2.25");
    }

    [Fact]
    public void A_late_event_is_priced_again_over_the_whole_event_list_and_can_change_which_events_are_free()
    {
        // Billed: a (100, free), b (50, free), c (10): 0.29 + 0.30 = 0.59. Late x (1000) on Jan 9 comes first:
        // x, a free; b, c pay 1.45 + 0.30 + 0.29 + 0.30 = 2.34. Delta 2.34 − 0.59 = 1.75, quantity 1000.
        var outcome = Payments(Card)
            .Event("a", "shop", "payments", "2026-01-10T00:00:00Z", new JsonObject { ["amount"] = "100" })
            .Event("b", "shop", "payments", "2026-01-11T00:00:00Z", new JsonObject { ["amount"] = "50" })
            .Event("c", "shop", "payments", "2026-01-12T00:00:00Z", new JsonObject { ["amount"] = "10" })
            .Event("x", "shop", "payments", "2026-01-09T00:00:00Z", new JsonObject { ["amount"] = "1000" }, receivedAt: "2026-02-03T00:00:00Z")
            .Run();

        Assert.Equal(0.59m, outcome.Usage("shop", "2026-01").Line("card").Amount);
        Assert.Equal(new OutcomeLine("card@2026-01", 1000m, 1.75m), outcome.Usage("shop", "2026-02").Line("card@2026-01"));
    }

    /// <summary>January and February of customer <c>shop</c> on a plan with this charge on <c>payments</c> (sum of <c>amount</c>).</summary>
    private static ScenarioBuilder Payments(JsonObject charge, JsonObject? planExtra = null) =>
        ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z")
            .Meter("payments", property: "amount")
            .Plan("std", [charge], extra: planExtra)
            .Customer("shop", "std");
}
