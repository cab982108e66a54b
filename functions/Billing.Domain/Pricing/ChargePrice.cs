namespace Billing.Domain.Pricing;

/// <summary>
/// A pricing model. <see cref="PriceOf(decimal)"/> returns the unrounded amount for a billable quantity;
/// the charge line is rounded once, by the caller, after the model is applied.
/// </summary>
public abstract record ChargePrice
{
    /// <summary>The model's name as the scenario format spells it.</summary>
    public abstract string Model { get; }

    /// <summary>The unrounded amount for this quantity (quantity is never negative).</summary>
    public abstract decimal PriceOf(decimal quantity);

    /// <summary>The unrounded amount for the period's usage; models priced per event override it, the others price the quantity.</summary>
    public virtual decimal PriceOf(BillableUsage usage) => PriceOf(usage.Quantity);
}
