using System.Globalization;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// A flat fee is prorated when the subscription starts mid-period: active local days / days in the
/// period, the start day counting as a full day. Flat fee used: 100.00.
/// </summary>
public sealed class ProrationTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "100")]           // starts with the period: whole
    [InlineData("2026-01-01T10:00:00Z", "100")]           // 1st of the month, later that day: still 31/31
    [InlineData("2026-01-02T00:00:00Z", "96.774193548387096774193548387")] // 30/31
    [InlineData("2026-01-31T23:59:00Z", "3.2258064516129032258064516129")] // last day: 1/31
    [InlineData("2028-02-29T12:00:00Z", "3.4482758620689655172413793103")] // leap February, last day: 1/29
    [InlineData("2028-02-15T00:00:00Z", "51.724137931034482758620689655")] // 15/29
    [InlineData("2026-02-28T00:00:00Z", "3.5714285714285714285714285714")] // 1/28
    [InlineData("2026-02-15T00:00:00Z", "50")]            // 14/28
    public void Flat_fee_share_counts_active_local_days(string startsAt, string share)
    {
        var calendar = new BillingCalendar(TimeZoneInfo.Utc);
        var start = DateTimeOffset.Parse(startsAt, CultureInfo.InvariantCulture);
        var period = calendar.PeriodContaining(start, PeriodUnit.Month);

        var proration = Proration.For(period, start, calendar);

        Assert.Equal(Dec(share), proration.Apply(100m), 20);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2026-01", "100.00")]
    [InlineData("2026-01-02T00:00:00Z", "2026-01", "96.77")]  // 30/31
    [InlineData("2026-01-31T12:00:00Z", "2026-01", "3.23")]   // 1/31 = 3.2258
    [InlineData("2028-02-29T00:00:00Z", "2028-02", "3.45")]   // 1/29 = 3.4483
    [InlineData("2028-02-01T08:00:00Z", "2028-02", "100.00")] // 29/29
    [InlineData("2028-02-15T00:00:00Z", "2028-02", "51.72")]  // 15/29 = 51.724
    [InlineData("2026-02-28T00:00:00Z", "2026-02", "3.57")]   // 1/28 = 3.5714
    public void First_invoice_prorates_the_flat_fee(string startsAt, string period, string amount)
    {
        var start = DateTimeOffset.Parse(startsAt, CultureInfo.InvariantCulture);
        var windowStart = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var outcome = ScenarioBuilder.Window(Utc(windowStart), Utc(windowStart.AddMonths(2).AddHours(3)))
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "100.00")])
            .Customer("acme", "std", new() { ["startsAt"] = startsAt })
            .Run();

        Assert.Equal(new OutcomeLine("platform", 1m, Dec(amount)), outcome.Usage("acme", period).Line("platform"));
        Assert.Equal(100.00m, outcome.UsageInvoices("acme").Single(i => i.Period != period).Line("platform").Amount);
    }

    [Fact]
    public void Proration_counts_days_in_the_scenario_time_zone()
    {
        // 2026-01-30T17:00Z is 01:00 on Jan 31 in Shanghai: 1 active day of 31 (in UTC it would be 2).
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00+08:00", "2026-02-01T03:00:00+08:00", "Asia/Shanghai", "CNY")
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "100.00")])
            .Customer("acme", "std", new() { ["startsAt"] = "2026-01-30T17:00:00Z" })
            .Run();

        Assert.Equal(3.23m, outcome.Usage("acme", "2026-01").Line("platform").Amount);
    }

    [Theory]
    [InlineData("2026-03-31T00:00:00Z", "1.00")]   // 1 of 90 days in 2026-Q1
    [InlineData("2026-02-15T00:00:00Z", "45.00")]  // Feb 15..28 (14) + March (31) = 45 of 90
    [InlineData("2026-01-01T00:00:00Z", "90.00")]
    public void A_quarter_prorates_over_the_days_of_the_quarter(string startsAt, string amount)
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-04-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "90.00")], period: "quarter")
            .Customer("acme", "std", new() { ["startsAt"] = startsAt })
            .Run();

        Assert.Equal(Dec(amount), outcome.Usage("acme", "2026-Q1").Line("platform").Amount);
    }

    private static string Utc(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
