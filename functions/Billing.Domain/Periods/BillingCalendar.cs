namespace Billing.Domain.Periods;

/// <summary>
/// Calendar periods of one time zone. Periods start at local midnight of the 1st (a quarter on
/// Jan/Apr/Jul/Oct 1st); a local midnight that a daylight-saving jump skips becomes the first valid
/// local instant after it. Instants are returned in UTC.
/// </summary>
public sealed class BillingCalendar(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The period of this unit that contains the instant.</summary>
    public BillingPeriod PeriodContaining(DateTimeOffset instant, PeriodUnit unit)
    {
        var local = ToLocal(instant);
        var firstMonth = unit == PeriodUnit.Month ? local.Month : ((local.Month - 1) / 3 * 3) + 1;
        return PeriodStarting(unit, local.Year, firstMonth);
    }

    /// <summary>
    /// The first period, counting from the one that contains <paramref name="start"/>, that ends after <paramref name="instant"/>:
    /// the period still open at that instant for an account that started at <paramref name="start"/>.
    /// </summary>
    public BillingPeriod FirstPeriodEndingAfter(DateTimeOffset start, PeriodUnit unit, DateTimeOffset instant)
    {
        var period = PeriodContaining(start, unit);
        while (period.End <= instant)
        {
            period = Next(period);
        }

        return period;
    }

    /// <summary>The period that follows this one.</summary>
    public BillingPeriod Next(BillingPeriod period)
    {
        var firstMonth = period.Unit == PeriodUnit.Month ? period.Index : ((period.Index - 1) * 3) + 1;
        var next = new DateTime(period.Year, firstMonth, 1, 0, 0, 0, DateTimeKind.Unspecified)
            .AddMonths(MonthsIn(period.Unit));
        return PeriodStarting(period.Unit, next.Year, next.Month);
    }

    /// <summary>The period with this name (<c>2026-01</c> or <c>2026-Q1</c>); null when the name is not one.</summary>
    public BillingPeriod? TryParse(string name, PeriodUnit unit)
    {
        if (name.Length < 7 || !int.TryParse(name.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) || name[4] != '-')
        {
            return null;
        }

        var rest = name.AsSpan(5);
        if (unit == PeriodUnit.Quarter)
        {
            return rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4'
                ? PeriodStarting(unit, year, ((rest[1] - '1') * 3) + 1)
                : null;
        }

        return rest.Length == 2 && int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            ? PeriodStarting(unit, year, month)
            : null;
    }

    /// <summary>The UTC instant of local midnight starting this local date.</summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    /// <summary>The local calendar date of the instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>The calendar month (a month period) containing the instant, whatever the plan's unit.</summary>
    public BillingPeriod MonthContaining(DateTimeOffset instant) => PeriodContaining(instant, PeriodUnit.Month);

    /// <summary>Local calendar days from <paramref name="from"/> to <paramref name="to"/> (exclusive).</summary>
    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    private DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    private BillingPeriod PeriodStarting(PeriodUnit unit, int year, int firstMonth)
    {
        var first = new DateOnly(year, firstMonth, 1);
        var next = first.AddMonths(MonthsIn(unit));
        var index = unit == PeriodUnit.Month ? firstMonth : ((firstMonth - 1) / 3) + 1;
        return new BillingPeriod(unit, year, index, StartOfDay(first), StartOfDay(next));
    }

    private static int MonthsIn(PeriodUnit unit) => unit == PeriodUnit.Month ? 1 : 3;
}
