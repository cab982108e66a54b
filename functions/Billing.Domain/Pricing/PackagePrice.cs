namespace Billing.Domain.Pricing;

/// <summary><c>package</c>: ceil(quantity / package size) × package price; zero usage buys no package.</summary>
public sealed record PackagePrice(decimal PackageSize, decimal PackageAmount) : ChargePrice
{
    public override string Model => "package";

    public override decimal PriceOf(decimal quantity) => Packages(quantity) * PackageAmount;

    public decimal Packages(decimal quantity) => Math.Ceiling(quantity / PackageSize);
}
