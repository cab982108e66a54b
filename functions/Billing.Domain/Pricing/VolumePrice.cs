using Billing.Domain.Catalog;

namespace Billing.Domain.Pricing;

/// <summary>
/// <c>volume</c>: the whole quantity at the unit price of the tier it falls in (the first tier whose
/// <c>upTo</c> is at or above the quantity; a quantity exactly at <c>upTo</c> stays in that tier; 0 falls in
/// the first), plus that tier's flat amount. Unrounded.
/// </summary>
public sealed record VolumePrice(IReadOnlyList<Tier> Tiers) : ChargePrice
{
    public override string Model => "volume";

    public override decimal PriceOf(decimal quantity)
    {
        var tier = TierFor(quantity);
        return (quantity * tier.UnitPrice) + tier.FlatAmount;
    }

    public Tier TierFor(decimal quantity) =>
        Tiers.FirstOrDefault(tier => tier.UpTo is null || quantity <= tier.UpTo) ?? Tiers[^1];

    /// <summary>The whole quantity, (0, quantity], at the tier it falls in, with that tier's flat amount.</summary>
    public TierSlice Slice(decimal quantity)
    {
        var tier = TierFor(quantity);
        return new TierSlice(0m, quantity, quantity, tier.UnitPrice, (quantity * tier.UnitPrice) + tier.FlatAmount, tier.FlatAmount);
    }
}
