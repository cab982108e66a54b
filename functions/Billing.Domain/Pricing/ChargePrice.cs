namespace Billing.Domain.Pricing;

/// <summary>
/// A pricing model. <see cref="PriceOf"/> returns the unrounded amount for a billable quantity;
/// the charge line is rounded once, by the caller, after the model is applied.
/// </summary>
public abstract record ChargePrice
{
    /// <summary>The model's name as the scenario format spells it.</summary>
    public abstract string Model { get; }

    /// <summary>The unrounded amount for this quantity (quantity is never negative).</summary>
    public abstract decimal PriceOf(decimal quantity);
}
