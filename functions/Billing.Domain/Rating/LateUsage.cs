namespace Billing.Domain.Rating;

/// <summary>
/// Usage of an already settled period that arrived after its settlement: <see cref="BilledBefore"/> is
/// the quantity invoiced for that period so far, <see cref="BilledAfter"/> the quantity including the
/// late events (both after the meter's rounding). Late usage takes nothing from packs or free quota.
/// </summary>
public sealed record LateUsage(string Meter, Periods.BillingPeriod Period, decimal BilledBefore, decimal BilledAfter)
{
    public decimal LateQuantity => BilledAfter - BilledBefore;
}
