namespace Billing.Domain.Packs;

/// <summary>A balance moved into a pack from an expired predecessor, usable in [<see cref="From"/>, <see cref="Until"/>).</summary>
internal sealed record CarriedBalance(DateTimeOffset From, DateTimeOffset Until)
{
    public decimal Remaining { get; set; }

    public bool IsUsableAt(DateTimeOffset instant) => instant >= From && instant < Until;
}
