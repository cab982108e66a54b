using Billing.Domain.Catalog;

namespace Billing.Domain.Pricing;

/// <summary>
/// <c>graduated_percentage</c>: like <see cref="GraduatedPrice"/> on a money value, each slice paying its
/// tier's rate: slice × rate / 100, plus the flat amount of each tier entered (the first always). Unrounded.
/// </summary>
public sealed record GraduatedPercentagePrice(IReadOnlyList<PercentageTier> Tiers) : ChargePrice
{
    public override string Model => "graduated_percentage";

    public override decimal PriceOf(decimal quantity)
    {
        var total = 0m;
        foreach (var slice in Slices(quantity))
        {
            total += slice.Amount;
        }

        return total;
    }

    /// <summary>The priced slices of the tiers the value enters, lowest tier first.</summary>
    public IEnumerable<TierSlice> Slices(decimal quantity) =>
        TierSlicing.Graduated(quantity, Tiers.Count, i => (Tiers[i].UpTo, Tiers[i].Rate / 100m, Tiers[i].FlatAmount, Tiers[i].Rate));
}
