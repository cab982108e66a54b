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

    public override decimal PriceOf(decimal quantity)
    {
        var total = 0m;
        foreach (var slice in Slices(quantity))
        {
            total += slice.Amount;
        }

        return total;
    }

    /// <summary>The priced slices of the tiers the quantity enters, lowest tier first.</summary>
    public IEnumerable<TierSlice> Slices(decimal quantity) =>
        TierSlicing.Graduated(quantity, Tiers.Count, i => (Tiers[i].UpTo, Tiers[i].UnitPrice, Tiers[i].FlatAmount, null));
}
