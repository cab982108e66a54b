namespace Billing.Domain.Pricing;

/// <summary>
/// What a charge is priced on: the period's billable <see cref="Quantity"/> (after deduction and meter
/// rounding) and, for <see cref="PercentagePrice"/>, each event's billable part in event-time order (at,
/// then id), free events included. <see cref="EventValues"/> is null when the meter keeps no per-event values.
/// </summary>
public readonly record struct BillableUsage(decimal Quantity, IReadOnlyList<decimal>? EventValues = null);
