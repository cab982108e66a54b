using Billing.Domain.Catalog;

namespace Billing.Domain.Pricing;

/// <summary>
/// <c>graduated</c>: each slice of the quantity is priced at its own tier, from zero, and each tier the
/// quantity enters adds its flat amount (the first tier always, even at quantity 0). A tier covers
/// quantities above the previous tier's <c>upTo</c> up to and including its own. Unrounded.
/// </summary>
public sealed record GraduatedPrice(IReadOnlyList<Tier> Tiers) : ChargePrice
{
    public override string Model => "graduated";

    /// <summary>The sum of the <see cref="Slices"/> amounts, computed without building them (it runs at every credit check).</summary>
    public override decimal PriceOf(decimal quantity)
    {
        var total = 0m;
        var floor = 0m;
        for (var i = 0; i < Tiers.Count; i++)
        {
            if (i > 0 && quantity <= floor)
            {
                break;
            }

            var tier = Tiers[i];
            var ceiling = tier.UpTo is { } upTo ? Math.Min(upTo, quantity) : quantity;
            total += ((ceiling - floor) * tier.UnitPrice) + tier.FlatAmount;
            floor = ceiling;
        }

        return total;
    }

    /// <summary>The priced slices of the tiers the quantity enters, lowest tier first.</summary>
    public IEnumerable<TierSlice> Slices(decimal quantity) =>
        TierSlicing.Graduated(quantity, Tiers.Count, i => (Tiers[i].UpTo, Tiers[i].UnitPrice, Tiers[i].FlatAmount, null));
}
