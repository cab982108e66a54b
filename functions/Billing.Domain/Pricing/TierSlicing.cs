namespace Billing.Domain.Pricing;

/// <summary>
/// Cuts a quantity into graduated slices. A tier is entered when the quantity is above the previous tier's
/// <c>upTo</c>; the first tier is always entered, even at quantity 0, so its flat amount is always due.
/// A slice covers (previous <c>upTo</c>, min(own <c>upTo</c>, quantity)]; amounts unrounded.
/// </summary>
internal static class TierSlicing
{
    /// <summary>The slices of the tiers entered, lowest first; an entered tier with no quantity and no flat amount is left out.</summary>
    public static IEnumerable<TierSlice> Graduated(decimal quantity, int tierCount, Func<int, (decimal? UpTo, decimal UnitPrice, decimal FlatAmount, decimal? Rate)> tierAt)
    {
        var floor = 0m;
        for (var i = 0; i < tierCount; i++)
        {
            if (i > 0 && quantity <= floor)
            {
                yield break;
            }

            var (upTo, unitPrice, flatAmount, rate) = tierAt(i);
            var ceiling = upTo is { } bound ? Math.Min(bound, quantity) : quantity;
            var sliceQuantity = ceiling - floor;
            if (sliceQuantity > 0m || flatAmount != 0m)
            {
                yield return new TierSlice(floor, ceiling, sliceQuantity, unitPrice, (sliceQuantity * unitPrice) + flatAmount, flatAmount, rate);
            }

            floor = ceiling;
        }
    }
}
