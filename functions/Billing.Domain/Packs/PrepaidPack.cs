using Billing.Domain.Ordering;

namespace Billing.Domain.Packs;

/// <summary>
/// A prepaid resource pack: <see cref="Quantity"/> of one meter, usable in the half-open validity
/// [<see cref="ValidFrom"/>, <see cref="ValidTo"/>) according to its allocation and carry-over rules.
/// <see cref="Owner"/> is the customer that bought it (a pooled child's packs serve its parent).
/// </summary>
public sealed record PrepaidPack(
    string Code,
    string Owner,
    string Meter,
    decimal Quantity,
    decimal Price,
    DateTimeOffset PurchasedAt,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    PackAllocationMode Allocation,
    bool CarryOver)
{
    /// <summary>Deduction order between packs: earliest purchase, then smallest quantity, then code (then owner, for pooled packs), codes and ids in code point order.</summary>
    public static IComparer<PrepaidPack> DeductionOrder { get; } = Comparer<PrepaidPack>.Create((a, b) =>
    {
        var byPurchase = a.PurchasedAt.CompareTo(b.PurchasedAt);
        if (byPurchase != 0)
        {
            return byPurchase;
        }

        var byQuantity = a.Quantity.CompareTo(b.Quantity);
        if (byQuantity != 0)
        {
            return byQuantity;
        }

        var byCode = CodePointOrder.Instance.Compare(a.Code, b.Code);
        return byCode != 0 ? byCode : CodePointOrder.Instance.Compare(a.Owner, b.Owner);
    });
}
