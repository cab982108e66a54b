namespace Billing.Domain.Pricing;

/// <summary>
/// <c>flat</c>: the amount each period. Usage does not change it; a subscription that starts
/// mid-period pays the share of <see cref="Proration"/>.
/// </summary>
public sealed record FlatFee(decimal Amount) : ChargePrice
{
    public override string Model => "flat";

    /// <summary>The full period's amount; a quantity does not apply to a flat fee.</summary>
    public override decimal PriceOf(decimal quantity) => Amount;
}
