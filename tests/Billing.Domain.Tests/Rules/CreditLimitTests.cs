using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Credit limit: exposure = open invoice balances + the current period's charges so far (before tax and
/// discount, flat fees included) − credit, checked after each event (when received) and each payment.
/// Above 80 % warns once per period; above 100 % suspends; a payment back to or under the limit restores.
/// Limit 100.00; calls at 1.00.
/// </summary>
public sealed class CreditLimitTests
{
    [Theory]
    [InlineData("80", "")]                          // exactly 80 %: not above
    [InlineData("81", "credit_warning")]
    [InlineData("100", "credit_warning")]           // exactly the limit: not above
    [InlineData("101", "credit_warning,suspend")]   // one event crosses both
    [InlineData("500", "credit_warning,suspend")]
    public void One_check_records_a_warning_above_80_percent_and_a_suspend_above_the_limit(string quantity, string actions)
    {
        var outcome = Limited()
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", quantity)
            .Run();

        var expected = actions.Length == 0 ? [] : actions.Split(',').Select(a => "2026-01-05T00:00:00Z " + a + " 2026-01").ToArray();
        Assert.Equal(expected, outcome.TimelineOf("acme"));
    }

    [Fact]
    public void The_warning_is_given_once_per_period()
    {
        // Jan: 85, then 90: one warning. Feb: open January invoice 90 + 1 = 91: a new period, a new warning.
        var outcome = Limited("2026-02-10T00:00:00Z")
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "85")
            .Event("e2", "acme", "api_calls", "2026-01-06T00:00:00Z", "5")
            .Event("e3", "acme", "api_calls", "2026-02-05T00:00:00Z", "1")
            .Run();

        Assert.Equal(["2026-01-05T00:00:00Z credit_warning 2026-01", "2026-02-05T00:00:00Z credit_warning 2026-02"], outcome.TimelineOf("acme"));
    }

    [Theory]
    [InlineData("30.00", true)]    // 120 - 30 = 90: back under the limit
    [InlineData("20.00", true)]    // 100: at the limit counts as back
    [InlineData("10.00", false)]   // 110: still above
    public void A_payment_that_brings_exposure_back_to_the_limit_restores(string amount, bool restored)
    {
        var outcome = Limited("2026-02-20T00:00:00Z")
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "120")
            .Payment("pay", "acme", "2026-02-10T00:00:00Z", amount)
            .Run();

        string[] expected = ["2026-01-05T00:00:00Z credit_warning 2026-01", "2026-01-05T00:00:00Z suspend 2026-01"];
        Assert.Equal(restored ? [.. expected, "2026-02-10T00:00:00Z restore 2026-02"] : expected, outcome.TimelineOf("acme"));
    }

    [Theory]
    [InlineData("35", true)]    // 50 flat + 35 = 85
    [InlineData("25", false)]   // 75
    public void Flat_fees_of_the_period_count_towards_exposure(string quantity, bool warned)
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00"), Flat("platform", "50.00")])
            .Customer("acme", "std", new() { ["creditLimit"] = "100.00" })
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", quantity)
            .Run();

        Assert.Equal(warned, outcome.TimelineOf("acme").Contains("2026-01-05T00:00:00Z credit_warning 2026-01"));
    }

    [Fact]
    public void The_current_period_counts_before_tax_and_open_invoices_with_it()
    {
        // Tax 50 %: January's 90 counts as 90 (warning only); once invoiced it is 135 open, so 1 more in February suspends.
        var outcome = Limited("2026-02-10T00:00:00Z", new() { ["taxRate"] = "0.5" })
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "90")
            .Event("e2", "acme", "api_calls", "2026-02-05T00:00:00Z", "1")
            .Run();

        Assert.Equal(
            ["2026-01-05T00:00:00Z credit_warning 2026-01", "2026-02-05T00:00:00Z credit_warning 2026-02", "2026-02-05T00:00:00Z suspend 2026-02"],
            outcome.TimelineOf("acme"));
    }

    [Fact]
    public void A_credit_balance_lowers_exposure()
    {
        // 50 paid ahead becomes credit: 120 - 50 = 70 (nothing), then 135 - 50 = 85 (warning).
        var outcome = Limited()
            .Payment("ahead", "acme", "2026-01-02T00:00:00Z", "50.00")
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "120")
            .Event("e2", "acme", "api_calls", "2026-01-06T00:00:00Z", "15")
            .Run();

        Assert.Equal(["2026-01-06T00:00:00Z credit_warning 2026-01"], outcome.TimelineOf("acme"));
    }

    [Fact]
    public void An_events_check_runs_when_it_is_received()
    {
        var outcome = Limited()
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "90", receivedAt: "2026-01-07T12:00:00Z")
            .Run();

        Assert.Equal(["2026-01-07T12:00:00Z credit_warning 2026-01"], outcome.TimelineOf("acme"));
    }

    [Fact]
    public void A_pooled_or_separate_childs_usage_counts_against_the_parents_limit()
    {
        var outcome = Limited()
            .Customer("dev", "std", new() { ["parent"] = "acme", ["childBilling"] = "pooled", ["creditLimit"] = "1000000" })
            .Customer("ops", "std", new() { ["parent"] = "acme", ["childBilling"] = "separate" })
            .Event("d1", "dev", "api_calls", "2026-01-05T00:00:00Z", "50")
            .Event("o1", "ops", "api_calls", "2026-01-06T00:00:00Z", "51")
            .Run();

        Assert.Equal(["2026-01-06T00:00:00Z credit_warning 2026-01", "2026-01-06T00:00:00Z suspend 2026-01"], outcome.TimelineOf("acme"));
        Assert.Empty(outcome.TimelineOf("dev"));
        Assert.Empty(outcome.TimelineOf("ops"));
    }

    private static ScenarioBuilder Limited(string end = "2026-01-20T00:00:00Z", System.Text.Json.Nodes.JsonObject? customer = null)
    {
        customer ??= [];
        customer["creditLimit"] = "100.00";
        return ScenarioBuilder.Window("2026-01-01T00:00:00Z", end)
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std", customer);
    }
}
