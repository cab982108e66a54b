namespace Billing.Domain.Pricing;

/// <summary><c>per_unit</c>: quantity × unit price.</summary>
public sealed record PerUnitPrice(decimal UnitPrice) : ChargePrice
{
    public override string Model => "per_unit";

    public override decimal PriceOf(decimal quantity) => quantity * UnitPrice;
}
