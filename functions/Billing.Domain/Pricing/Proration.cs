using Billing.Domain.Periods;

namespace Billing.Domain.Pricing;

/// <summary>
/// The share of a period a subscription is active: active local days / days in the period, where the
/// local day the subscription starts on counts as a full day. Whole when it started before the period.
/// </summary>
public readonly record struct Proration(int ActiveDays, int PeriodDays)
{
    public static Proration Whole { get; } = new(1, 1);

    public bool IsWhole => ActiveDays == PeriodDays;

    /// <summary>The amount times the share, multiplied before dividing so no precision is lost; unrounded.</summary>
    public decimal Apply(decimal amount) => IsWhole ? amount : amount * ActiveDays / PeriodDays;

    public static Proration For(BillingPeriod period, DateTimeOffset subscriptionStart, BillingCalendar calendar)
    {
        if (subscriptionStart <= period.Start)
        {
            return Whole;
        }

        var end = calendar.LocalDate(period.End);
        var days = BillingCalendar.DaysBetween(calendar.LocalDate(period.Start), end);
        var active = subscriptionStart >= period.End ? 0 : BillingCalendar.DaysBetween(calendar.LocalDate(subscriptionStart), end);
        return new Proration(active, days);
    }
}
