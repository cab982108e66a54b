using System.Globalization;
using Billing.Domain.Periods;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Periods are calendar months or quarters of the scenario's time zone, starting at local midnight of
/// the 1st, named <c>YYYY-MM</c> or <c>YYYY-Qn</c>; a period is settled at its end plus the grace.
/// </summary>
public sealed class PeriodTests
{
    [Theory]
    [InlineData("UTC", "2026-01-15T00:00:00Z", "month", "2026-01", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    [InlineData("UTC", "2026-02-15T00:00:00Z", "quarter", "2026-Q1", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z")]
    [InlineData("UTC", "2026-11-30T00:00:00Z", "quarter", "2026-Q4", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("Asia/Shanghai", "2026-01-31T15:59:59Z", "month", "2026-01", "2025-12-31T16:00:00Z", "2026-01-31T16:00:00Z")]
    [InlineData("Asia/Shanghai", "2026-01-31T16:00:00Z", "month", "2026-02", "2026-01-31T16:00:00Z", "2026-02-28T16:00:00Z")]
    [InlineData("Asia/Shanghai", "2026-03-31T16:00:00Z", "quarter", "2026-Q2", "2026-03-31T16:00:00Z", "2026-06-30T16:00:00Z")]
    [InlineData("Asia/Tokyo", "2026-01-31T14:59:59Z", "month", "2026-01", "2025-12-31T15:00:00Z", "2026-01-31T15:00:00Z")]
    [InlineData("Asia/Tokyo", "2026-01-31T15:00:00Z", "month", "2026-02", "2026-01-31T15:00:00Z", "2026-02-28T15:00:00Z")]
    [InlineData("Europe/Berlin", "2026-03-15T00:00:00Z", "month", "2026-03", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")] // CET -> CEST on Mar 29
    [InlineData("Europe/Berlin", "2026-03-31T22:00:00Z", "month", "2026-04", "2026-03-31T22:00:00Z", "2026-04-30T22:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-31T23:00:00Z", "month", "2026-11", "2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z")] // back to CET on Oct 25
    [InlineData("America/New_York", "2026-03-10T00:00:00Z", "month", "2026-03", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z")]
    public void Periods_start_at_local_midnight_of_the_first(string zone, string instant, string unit, string name, string start, string end)
    {
        var calendar = new BillingCalendar(TimeZoneInfo.FindSystemTimeZoneById(zone));

        var period = calendar.PeriodContaining(At(instant), unit == "month" ? PeriodUnit.Month : PeriodUnit.Quarter);

        Assert.Equal(name, period.Name);
        Assert.Equal(At(start), period.Start);
        Assert.Equal(At(end), period.End);
        Assert.True(period.Contains(At(instant)));
        Assert.False(period.Contains(period.End));
    }

    [Theory]
    [InlineData("2026-01-20T00:00:00Z", "2026-01-10T00:00:00Z", "month", "2026-01")] // before the start: the start's period
    [InlineData("2026-01-20T00:00:00Z", "2026-01-31T23:59:59Z", "month", "2026-01")]
    [InlineData("2026-01-20T00:00:00Z", "2026-02-01T00:00:00Z", "month", "2026-02")] // an end is not after itself
    [InlineData("2026-01-20T00:00:00Z", "2026-05-17T00:00:00Z", "month", "2026-05")]
    [InlineData("2026-01-20T00:00:00Z", "2026-04-01T00:00:00Z", "quarter", "2026-Q2")]
    public void The_period_open_at_an_instant_is_the_first_ending_after_it(string start, string instant, string unit, string name)
    {
        var calendar = new BillingCalendar(TimeZoneInfo.Utc);

        var period = calendar.FirstPeriodEndingAfter(At(start), unit == "month" ? PeriodUnit.Month : PeriodUnit.Quarter, At(instant));

        Assert.Equal(name, period.Name);
    }

    [Theory]
    [InlineData("2026-Q1", "quarter", true)]
    [InlineData("2026-Q4", "quarter", true)]
    [InlineData("2026-Q5", "quarter", false)]
    [InlineData("2026-01", "quarter", false)]
    [InlineData("2026-12", "month", true)]
    [InlineData("2026-13", "month", false)]
    [InlineData("2026-1", "month", false)]
    [InlineData("202601", "month", false)]
    public void Period_names_are_YYYY_MM_or_YYYY_Qn(string name, string unit, bool valid)
    {
        var calendar = new BillingCalendar(TimeZoneInfo.Utc);

        var period = calendar.TryParse(name, unit == "month" ? PeriodUnit.Month : PeriodUnit.Quarter);

        Assert.Equal(valid, period is not null);
        Assert.Equal(valid ? name : null, period?.Name);
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-01-31T18:00:00Z", "2026-03-02T18:00:00Z")]   // UTC+8: Feb 1 00:00 local = Jan 31 16:00Z, + 2 h
    [InlineData("Asia/Tokyo", "2026-01-31T17:00:00Z", "2026-03-02T17:00:00Z")]      // UTC+9
    [InlineData("Europe/Berlin", "2026-02-01T01:00:00Z", "2026-03-03T01:00:00Z")]   // CET (UTC+1)
    [InlineData("UTC", "2026-02-01T02:00:00Z", "2026-03-03T02:00:00Z")]
    public void A_month_is_settled_at_its_local_end_plus_the_grace(string zone, string issuedAt, string dueAt)
    {
        var invoice = Monthly(zone, "2026-01-01T00:00:00Z", "2026-02-05T00:00:00Z").Run().Usage("acme", "2026-01");

        Assert.Equal(issuedAt, invoice.IssuedAt);
        Assert.Equal(dueAt, invoice.DueAt);
    }

    [Fact]
    public void A_month_across_a_daylight_saving_change_ends_at_local_midnight()
    {
        // March 2026 in Berlin: starts 2026-02-28T23:00Z (CET), ends 2026-03-31T22:00Z (CEST).
        var outcome = Monthly("Europe/Berlin", "2026-03-01T00:00:00+01:00", "2026-05-01T03:00:00Z")
            .Event("in-march", "acme", "api_calls", "2026-03-31T21:30:00Z", "1")
            .Event("in-april", "acme", "api_calls", "2026-03-31T22:30:00Z", "10")
            .Run();

        var march = outcome.Usage("acme", "2026-03");
        Assert.Equal("2026-04-01T00:00:00Z", march.IssuedAt);
        Assert.Equal(1m, march.Line("calls").Quantity);
        Assert.Equal(10m, outcome.Usage("acme", "2026-04").Line("calls").Quantity);
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-01-31T15:30:00Z", "2026-01")]   // 23:30 local
    [InlineData("Asia/Shanghai", "2026-01-31T16:30:00Z", "2026-02")]   // 00:30 local on Feb 1
    [InlineData("Asia/Tokyo", "2026-01-31T14:30:00Z", "2026-01")]
    [InlineData("Asia/Tokyo", "2026-01-31T15:30:00Z", "2026-02")]
    public void An_event_counts_in_the_local_period_containing_its_time(string zone, string at, string period)
    {
        var outcome = Monthly(zone, "2026-01-01T00:00:00Z", "2026-03-05T00:00:00Z")
            .Event("e1", "acme", "api_calls", at, "7")
            .Run();

        Assert.Equal(7m, outcome.Usage("acme", period).Line("calls").Quantity);
        Assert.Equal(0m, outcome.UsageInvoices("acme").Single(i => i.Period != period && i.Period is "2026-01" or "2026-02").Line("calls").Quantity);
    }

    [Fact]
    public void A_quarter_is_named_2026_Q1_and_settled_at_its_local_end_plus_the_grace()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00+08:00", "2026-04-05T00:00:00+08:00", "Asia/Shanghai", "CNY")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")], period: "quarter", paymentTermsDays: 30)
            .Customer("acme", "std")
            .Event("jan", "acme", "api_calls", "2026-01-01T00:00:00+08:00", "1")
            .Event("mar", "acme", "api_calls", "2026-03-31T23:59:00+08:00", "2")
            .Event("apr", "acme", "api_calls", "2026-04-01T00:00:00+08:00", "4")
            .Run();

        var invoice = Assert.Single(outcome.UsageInvoices("acme"));
        Assert.Equal("2026-Q1", invoice.Period);
        Assert.Equal("2026-03-31T18:00:00Z", invoice.IssuedAt);
        Assert.Equal("2026-04-30T18:00:00Z", invoice.DueAt);
        Assert.Equal(3m, invoice.Line("calls").Quantity);
    }

    [Theory]
    [InlineData("0", "2026-02-01T00:00:00Z")]
    [InlineData("5", "2026-02-01T05:00:00Z")]
    [InlineData("1.5", "2026-02-01T01:30:00Z")]
    public void The_grace_delays_settlement(string graceHours, string issuedAt)
    {
        var invoice = Monthly("UTC", "2026-01-01T00:00:00Z", "2026-02-05T00:00:00Z")
            .With("lateArrivalGraceHours", decimal.Parse(graceHours, CultureInfo.InvariantCulture))
            .Run().Usage("acme", "2026-01");

        Assert.Equal(issuedAt, invoice.IssuedAt);
    }

    [Fact]
    public void A_period_settled_at_or_after_end_is_not_invoiced()
    {
        // January is settled at 2026-02-01T02:00Z; the window ends exactly then.
        var outcome = Monthly("UTC", "2026-01-01T00:00:00Z", "2026-02-01T02:00:00Z").Run();

        Assert.Empty(outcome.Invoices);
    }

    [Fact]
    public void Periods_are_invoiced_from_the_one_containing_the_customers_start()
    {
        var outcome = Monthly("UTC", "2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z", new() { ["startsAt"] = "2026-02-10T00:00:00Z" }).Run();

        Assert.Equal(new[] { "2026-02" }, outcome.UsageInvoices("acme").Select(i => i.Period));
    }

    private static ScenarioBuilder Monthly(string zone, string start, string end, System.Text.Json.Nodes.JsonObject? customer = null) =>
        ScenarioBuilder.Window(start, end, zone)
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std", customer);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
