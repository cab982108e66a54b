namespace Billing.Domain.Periods;

/// <summary>The length of a plan's billing period: a calendar month or a calendar quarter.</summary>
public enum PeriodUnit
{
    Month,
    Quarter,
}
