namespace Billing.Domain.Invoicing;

/// <summary>
/// A discount on usage invoices: a percentage of the subtotal or a fixed amount. It covers the first
/// <see cref="Periods"/> usage periods of the customer, counted from the period containing its start
/// (periods with a zero subtotal count too); null means it never runs out.
/// </summary>
public sealed record Coupon(string Code, decimal? PercentOff, decimal? AmountOff, int? Periods)
{
    /// <summary>True for the customer's usage period with this zero-based ordinal.</summary>
    public bool Covers(int periodOrdinal) => Periods is null || periodOrdinal < Periods;
}
