using System.Globalization;
using Billing.Domain.Packs;
using Billing.Domain.Periods;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Pack allocation: a monthly pack is split over the calendar months its half-open validity touches,
/// floor(quantity / months) each and the remainder in the last month; a once pack is whole from validFrom.
/// </summary>
public sealed class PackAllocationTests
{
    [Theory]
    [InlineData("UTC", "100", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "33,33,34")]
    [InlineData("UTC", "7", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "2,2,3")]
    [InlineData("UTC", "10", "2026-01-15T00:00:00Z", "2026-03-15T00:00:00Z", "3,3,4")]     // touches Jan, Feb, Mar
    [InlineData("UTC", "100", "2026-01-01T00:00:00Z", "2026-04-01T00:00:01Z", "25,25,25,25")] // one second into April touches it
    [InlineData("UTC", "90", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "45,45")]     // validTo at midnight of the 1st: March untouched
    [InlineData("Asia/Shanghai", "100", "2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00", "33,33,34")]
    [InlineData("UTC", "100", "2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00", "25,25,25,25")] // in UTC that is Dec 31 16:00 .. Mar 31 16:00
    [InlineData("UTC", "1", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "0,0,1")]
    public void Monthly_pack_is_split_over_the_months_its_validity_touches(string zone, string quantity, string validFrom, string validTo, string split)
    {
        var allocations = PackAllocation.For(DomainPack(quantity, validFrom, validTo, PackAllocationMode.Monthly, carryOver: false), Calendar(zone));

        Assert.Equal(split.Split(',').Select(ScenarioOutcome.Dec), allocations.Select(a => a.Quantity));
    }

    [Fact]
    public void Each_monthly_allocation_is_usable_from_its_month_start_or_validFrom_until_the_month_end()
    {
        var allocations = PackAllocation.For(DomainPack("10", "2026-01-15T00:00:00Z", "2026-03-15T00:00:00Z", PackAllocationMode.Monthly, carryOver: false), Calendar("UTC"));

        Assert.Equal(
            new[] { (At("2026-01-15T00:00:00Z"), At("2026-02-01T00:00:00Z")), (At("2026-02-01T00:00:00Z"), At("2026-03-01T00:00:00Z")), (At("2026-03-01T00:00:00Z"), At("2026-03-15T00:00:00Z")) },
            allocations.Select(a => (a.UsableFrom, a.UsableUntil)));
    }

    [Fact]
    public void With_carry_over_every_monthly_allocation_stays_usable_until_validTo()
    {
        var allocations = PackAllocation.For(DomainPack("90", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", PackAllocationMode.Monthly, carryOver: true), Calendar("UTC"));

        Assert.All(allocations, a => Assert.Equal(At("2026-03-01T00:00:00Z"), a.UsableUntil));
        Assert.Equal(new[] { At("2026-01-01T00:00:00Z"), At("2026-02-01T00:00:00Z") }, allocations.Select(a => a.UsableFrom));
    }

    [Fact]
    public void Once_pack_is_one_allocation_of_the_whole_quantity_over_its_validity()
    {
        var allocation = Assert.Single(PackAllocation.For(DomainPack("100", "2026-01-10T00:00:00Z", "2026-04-01T00:00:00Z", PackAllocationMode.Once, carryOver: false), Calendar("UTC")));

        Assert.Equal((100m, At("2026-01-10T00:00:00Z"), At("2026-04-01T00:00:00Z")), (allocation.Quantity, allocation.UsableFrom, allocation.UsableUntil));
    }

    [Fact]
    public void Monthly_allocations_are_used_only_in_their_month()
    {
        // 100 over Jan..Mar = 33/33/34, forfeited at each month end. Jan 50 -> 17 billable; Feb 10 -> 0; Mar 40 -> 6.
        var outcome = Scenario("2026-04-01T03:00:00Z", Pack("p1", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "monthly"))
            .Event("jan", "acme", "api_calls", "2026-01-20T00:00:00Z", "50")
            .Event("feb", "acme", "api_calls", "2026-02-20T00:00:00Z", "10")
            .Event("mar", "acme", "api_calls", "2026-03-20T00:00:00Z", "40")
            .Run();

        Assert.Equal(17m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(0m, outcome.Usage("acme", "2026-02").Line("calls").Quantity);
        Assert.Equal(6m, outcome.Usage("acme", "2026-03").Line("calls").Quantity);
    }

    [Fact]
    public void ValidTo_at_local_midnight_of_the_first_does_not_touch_that_month()
    {
        // Shanghai, [Jan 1, Mar 1): two months of 45 (three would give 30 each and bill 30 of February's 60).
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00+08:00", "2026-03-05T00:00:00+08:00", "Asia/Shanghai", "CNY")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std", new() { ["packs"] = Array(Pack("p1", "api_calls", "90", "2026-01-01T00:00:00+08:00", "2026-03-01T00:00:00+08:00", "monthly")) })
            .Event("feb", "acme", "api_calls", "2026-02-10T00:00:00+08:00", "60")
            .Run();

        Assert.Equal(15m, outcome.Usage("acme", "2026-02").Line("calls").Quantity);
    }

    [Fact]
    public void Once_pack_is_usable_from_validFrom_not_from_purchase()
    {
        var outcome = Scenario("2026-01-25T00:00:00Z", Pack("p1", "api_calls", "100", "2026-01-10T00:00:00Z", "2026-04-01T00:00:00Z", purchasedAt: "2026-01-01T00:00:00Z"))
            .Event("before", "acme", "api_calls", "2026-01-05T00:00:00Z", "30")
            .Event("after", "acme", "api_calls", "2026-01-12T00:00:00Z", "30")
            .Run();

        Assert.Equal(70m, outcome.PackRemaining("acme", "p1"));
    }

    [Fact]
    public void A_pack_purchase_is_a_prepaid_invoice_taxed_without_coupons_at_purchase()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")], paymentTermsDays: 10)
            .Customer("acme", "std", new()
            {
                ["taxRate"] = "0.06",
                ["coupons"] = Array(PercentCoupon("HALF", "50")),
                ["packs"] = Array(Pack("p1", "api_calls", "1000", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", purchasedAt: "2026-01-03T08:00:00Z", price: "800.00")),
            })
            .Run();

        var invoice = Assert.Single(outcome.PrepaidInvoices("acme"));
        Assert.Null(invoice.Period);
        Assert.Equal("2026-01-03T08:00:00Z", invoice.IssuedAt);
        Assert.Equal("2026-01-13T08:00:00Z", invoice.DueAt);
        Assert.Equal(new OutcomeLine("p1", 1m, 800.00m), Assert.Single(invoice.Lines));
        Assert.Equal((800.00m, 0m, 48.00m, 848.00m), (invoice.Subtotal, invoice.Discount, invoice.Tax, invoice.Total));
        Assert.Empty(outcome.TimelineOf("acme"));   // no dunning for prepaid invoices, even past due
    }

    internal static ScenarioBuilder Scenario(string end, params System.Text.Json.Nodes.JsonObject[] packs) =>
        ScenarioBuilder.Window("2026-01-01T00:00:00Z", end)
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std", new() { ["packs"] = Array(packs) });

    private static PrepaidPack DomainPack(string quantity, string validFrom, string validTo, PackAllocationMode mode, bool carryOver) =>
        new("p1", "acme", "api_calls", ScenarioOutcome.Dec(quantity), 0m, At(validFrom), At(validFrom), At(validTo), mode, carryOver);

    private static BillingCalendar Calendar(string zone) => new(TimeZoneInfo.FindSystemTimeZoneById(zone));

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
