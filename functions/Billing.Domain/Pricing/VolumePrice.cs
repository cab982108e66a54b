using Billing.Domain.Catalog;

namespace Billing.Domain.Pricing;

/// <summary>
/// <c>volume</c>: the whole quantity at the unit price of the tier it falls in (the first tier
/// whose <c>upTo</c> is at or above the quantity; a quantity exactly at <c>upTo</c> stays in that tier).
/// </summary>
public sealed record VolumePrice(IReadOnlyList<Tier> Tiers) : ChargePrice
{
    public override string Model => "volume";

    public override decimal PriceOf(decimal quantity) => quantity * TierFor(quantity).UnitPrice;

    public Tier TierFor(decimal quantity) =>
        Tiers.FirstOrDefault(tier => tier.UpTo is null || quantity <= tier.UpTo) ?? Tiers[^1];
}
