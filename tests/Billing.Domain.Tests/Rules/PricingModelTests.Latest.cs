using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// <c>latest</c> meters: the property of the period's last event (by at, ties: the greater id); a period without
/// events is 0, nothing carries over. Priced here by volume with flat amounts (up to 10 at 8 + 20, above at 6 + 50).
/// </summary>
public sealed partial class PricingModelTests
{
    [Theory]
    [InlineData("s1", "s2", "11", "116.00")]  // same instant: the greater id (s2, 11) is the latest
    [InlineData("s2", "s1", "8", "84.00")]    // the 8 now carries the greater id
    [InlineData("\U0001F600", "\uFF5E", "8", "84.00")]  // by code point U+1F600 is greater than U+FF5E (not in UTF-16 order)
    public void The_latest_value_is_the_last_event_s_ties_broken_by_the_greater_id(string idOfEight, string idOfEleven, string quantity, string amount)
    {
        var outcome = Seats()
            .Event("s0", "acme", "seats", "2026-01-05T00:00:00Z", new JsonObject { ["seats"] = 30 })
            .Event(idOfEight, "acme", "seats", "2026-01-20T00:00:00Z", new JsonObject { ["seats"] = 8 })
            .Event(idOfEleven, "acme", "seats", "2026-01-20T00:00:00Z", new JsonObject { ["seats"] = 11 })
            .Run();

        AssertLine(outcome.Usage("acme", "2026-01").Line("seats"), quantity, amount);
    }

    [Fact]
    public void A_period_without_events_has_latest_0_and_pays_the_first_tier_s_flat_amount()
    {
        var outcome = Seats()
            .Event("s1", "acme", "seats", "2026-01-20T00:00:00Z", new JsonObject { ["seats"] = 12 })
            .Run();

        AssertLine(outcome.Usage("acme", "2026-01").Line("seats"), "12", "122.00");
        AssertLine(outcome.Usage("acme", "2026-02").Line("seats"), "0", "20.00");
    }

    [Theory]
    [InlineData("2026-01-25T00:00:00Z", "7", "-4", "-40.00")]  // after the billed last event (11 -> 7): 76.00 − 116.00
    [InlineData("2026-01-25T00:00:00Z", "11", "0", "0.00")]    // the same value: nothing changes
    [InlineData("2026-01-10T00:00:00Z", "3", "0", "0.00")]     // before the billed last event: not the latest
    [InlineData("2026-01-31T23:00:00Z", "15", "4", "24.00")]   // 140.00 − 116.00
    public void A_late_event_changes_the_latest_value_only_when_it_is_the_last(string at, string seats, string quantity, string amount)
    {
        var outcome = Seats()
            .Event("s1", "acme", "seats", "2026-01-20T00:00:00Z", new JsonObject { ["seats"] = 11 })
            .Event("late", "acme", "seats", at, new JsonObject { ["seats"] = JsonNode.Parse(seats) }, receivedAt: "2026-02-03T00:00:00Z")
            .Run();

        Assert.Equal(116.00m, outcome.Usage("acme", "2026-01").Line("seats").Amount);
        Assert.Equal(new OutcomeLine("seats@2026-01", Dec(quantity), Dec(amount)), outcome.Usage("acme", "2026-02").Line("seats@2026-01"));
    }

    private static decimal Dec(string text) => ScenarioOutcome.Dec(text);

    private static ScenarioBuilder Seats() =>
        ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z")
            .Meter("seats", "latest", "seats")
            .Plan("std", [Tiered("seats", "seats", "volume", ("10", "8", "20"), (null, "6", "50"))])
            .Customer("acme", "std");
}
