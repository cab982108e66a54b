using Billing.Domain.Catalog;

namespace Billing.Domain.Pricing;

/// <summary>
/// <c>graduated</c>: each slice of the quantity is priced at its own tier, from zero. A tier covers
/// quantities above the previous tier's <c>upTo</c> up to and including its own.
/// </summary>
public sealed record GraduatedPrice(IReadOnlyList<Tier> Tiers) : ChargePrice
{
    public override string Model => "graduated";

    public override decimal PriceOf(decimal quantity) => Slices(quantity).Sum(slice => slice.Amount);

    /// <summary>The priced slices of the quantity, lowest tier first; tiers the quantity does not reach are left out.</summary>
    public IEnumerable<TierSlice> Slices(decimal quantity)
    {
        var floor = 0m;
        foreach (var tier in Tiers)
        {
            if (quantity <= floor)
            {
                yield break;
            }

            var ceiling = tier.UpTo is { } upTo ? Math.Min(upTo, quantity) : quantity;
            var sliceQuantity = ceiling - floor;
            yield return new TierSlice(floor, ceiling, sliceQuantity, tier.UnitPrice, sliceQuantity * tier.UnitPrice);
            floor = ceiling;
        }
    }
}
