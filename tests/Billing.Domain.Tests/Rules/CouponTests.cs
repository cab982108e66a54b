using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Coupons: percent coupons add up and apply to the subtotal first, amount coupons are subtracted after;
/// the discount is capped at the subtotal and rounded once; tax is on subtotal − discount. A coupon covers
/// the customer's first <c>periods</c> usage periods from the one containing startsAt.
/// </summary>
public sealed class CouponTests
{
    [Theory]
    [InlineData("30.00", "A:50.00", "30.00")]                    // amount coupon larger than the subtotal: capped
    [InlineData("200.00", "P:10,P:5,A:10.00", "40.00")]          // 15 % of 200 = 30, then 10
    [InlineData("200.00", "A:10.00,P:10", "30.00")]              // percent first even when listed last (not 10 % of 190 + 10 = 29)
    [InlineData("0.20", "P:7.5,P:7.5", "0.03")]                  // 15 % of 0.20 = 0.03, rounded once (0.015 + 0.015 would round to 0.04)
    [InlineData("100.00", "P:60,P:60", "100.00")]                // percents adding past 100 are capped
    [InlineData("100.00", "P:100,A:5.00", "100.00")]
    [InlineData("99.99", "P:10", "10.00")]                       // 9.999 -> 10.00
    [InlineData("0.05", "P:10", "0.01")]                         // 0.005 -> 0.01
    public void Discount_is_percent_first_then_amount_capped_and_rounded_once(string subtotal, string coupons, string discount)
    {
        var invoice = OneMonth(subtotal, coupons.Split(',').Select((c, i) => Coupon(c, i)).ToArray()).Usage("acme", "2026-01");

        Assert.Equal(Dec(subtotal), invoice.Subtotal);
        Assert.Equal(Dec(discount), invoice.Discount);
        Assert.Equal(Dec(subtotal) - Dec(discount), invoice.Total);
    }

    [Fact]
    public void A_discount_that_takes_the_whole_subtotal_leaves_a_total_of_0_that_is_paid()
    {
        var invoice = OneMonth("30.00", Coupon("A:50.00")).Usage("acme", "2026-01");

        Assert.Equal((30.00m, 30.00m, 0m, 0m), (invoice.Subtotal, invoice.Discount, invoice.Tax, invoice.Total));
        Assert.True(invoice.IsPaid);
    }

    [Fact]
    public void Tax_is_charged_on_the_subtotal_less_the_discount()
    {
        var invoice = OneMonthWith("200.00", new() { ["taxRate"] = "0.06" }, Coupon("P:10")).Usage("acme", "2026-01");

        Assert.Equal((20.00m, 10.80m, 190.80m), (invoice.Discount, invoice.Tax, invoice.Total));
    }

    [Theory]
    [InlineData(1, "10.00,0,0")]
    [InlineData(2, "10.00,10.00,0")]
    [InlineData(null, "10.00,10.00,10.00")]   // without periods it never runs out
    public void A_coupon_covers_the_first_periods_of_the_customer(int? periods, string discounts)
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-04-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "100.00")])
            .Customer("acme", "std", new() { ["coupons"] = Array(PercentCoupon("TEN", "10", periods)) })
            .Run();

        Assert.Equal(discounts.Split(',').Select(Dec), new[] { "2026-01", "2026-02", "2026-03" }.Select(p => outcome.Usage("acme", p).Discount));
    }

    [Fact]
    public void A_period_with_a_zero_subtotal_still_uses_up_a_coupon_period()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std", new() { ["coupons"] = Array(AmountCoupon("WELCOME", "50.00", 1)) })
            .Event("feb", "acme", "api_calls", "2026-02-05T00:00:00Z", "100")
            .Run();

        Assert.Equal(0m, outcome.Usage("acme", "2026-01").Subtotal);
        Assert.Equal((100.00m, 0m), (outcome.Usage("acme", "2026-02").Subtotal, outcome.Usage("acme", "2026-02").Discount));
    }

    [Fact]
    public void Coupon_periods_count_from_the_period_containing_the_customers_start()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-04-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std", new() { ["startsAt"] = "2026-02-10T00:00:00Z", ["coupons"] = Array(PercentCoupon("TEN", "10", 1)) })
            .Event("feb", "acme", "api_calls", "2026-02-15T00:00:00Z", "100")
            .Event("mar", "acme", "api_calls", "2026-03-15T00:00:00Z", "100")
            .Run();

        Assert.Equal(10.00m, outcome.Usage("acme", "2026-02").Discount);
        Assert.Equal(0m, outcome.Usage("acme", "2026-03").Discount);
    }

    private static ScenarioOutcome OneMonth(string subtotal, params JsonObject[] coupons) => OneMonthWith(subtotal, [], coupons);

    private static ScenarioOutcome OneMonthWith(string subtotal, JsonObject customer, params JsonObject[] coupons)
    {
        customer["coupons"] = Array(coupons);
        return ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [Flat("platform", subtotal)])
            .Customer("acme", "std", customer)
            .Run();
    }

    /// <summary><c>P:10</c> is a 10 % coupon, <c>A:50.00</c> an amount coupon.</summary>
    private static JsonObject Coupon(string text, int index) =>
        text[0] == 'P' ? PercentCoupon("C" + index, text[2..]) : AmountCoupon("C" + index, text[2..]);

    private static JsonObject Coupon(string text) => Coupon(text, 0);
}
