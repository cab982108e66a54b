using Billing.Domain.Pricing;

namespace Billing.Domain.Rating;

/// <summary>
/// Usage of an already settled period that arrived after its settlement: <see cref="Before"/> is the usage
/// invoiced for that period so far, <see cref="After"/> the usage including the late events (quantities after
/// the meter's rounding; per-event values, when the meter keeps them, in event-time order). Late usage takes
/// nothing from packs or free quota.
/// </summary>
public sealed record LateUsage(string Meter, Periods.BillingPeriod Period, BillableUsage Before, BillableUsage After)
{
    public decimal BilledBefore => Before.Quantity;

    public decimal BilledAfter => After.Quantity;

    /// <summary>The change of the period's aggregate; negative when a late event lowers a <c>latest</c> meter.</summary>
    public decimal LateQuantity => BilledAfter - BilledBefore;
}
