namespace Billing.Domain.Packs;

/// <summary>
/// What is left of one pack: the remainder of each allocation and the balances carried into it from
/// predecessors (each usable from the predecessor's <c>validTo</c> until this pack's <c>validTo</c>).
/// </summary>
internal sealed class PackBalance
{
    private const decimal LowShare = 0.1m;

    private PackBalance(PrepaidPack pack, IReadOnlyList<PackAllocation> allocations, decimal[] remaining, List<CarriedBalance> carried, bool carriedOut)
    {
        Pack = pack;
        Allocations = allocations;
        Remaining = remaining;
        Carried = carried;
        CarriedOut = carriedOut;
    }

    public PrepaidPack Pack { get; }

    public IReadOnlyList<PackAllocation> Allocations { get; }

    /// <summary>Unused quantity of each allocation, by index.</summary>
    public decimal[] Remaining { get; }

    /// <summary>Balances moved in from expired once packs, oldest first.</summary>
    public List<CarriedBalance> Carried { get; }

    /// <summary>True once this pack's balance moved to its successor at validTo.</summary>
    public bool CarriedOut { get; set; }

    public static PackBalance Open(PrepaidPack pack, IReadOnlyList<PackAllocation> allocations) =>
        new(pack, allocations, allocations.Select(a => a.Quantity).ToArray(), [], false);

    public PackBalance Clone() =>
        new(Pack, Allocations, (decimal[])Remaining.Clone(), Carried.Select(c => c with { }).ToList(), CarriedOut);

    /// <summary>Quantity usable at the instant: carried balances plus allocations usable then.</summary>
    public decimal UsableAt(DateTimeOffset instant)
    {
        var usable = 0m;
        foreach (var carried in Carried)
        {
            if (carried.IsUsableAt(instant))
            {
                usable += carried.Remaining;
            }
        }

        for (var i = 0; i < Allocations.Count; i++)
        {
            if (Allocations[i].IsUsableAt(instant))
            {
                usable += Remaining[i];
            }
        }

        return usable;
    }

    /// <summary>The allocation the instant falls in (the latest that has started), or null outside the validity.</summary>
    public PackAllocation? CurrentAllocation(DateTimeOffset instant)
    {
        if (instant < Pack.ValidFrom || instant >= Pack.ValidTo)
        {
            return null;
        }

        PackAllocation? current = null;
        foreach (var allocation in Allocations)
        {
            if (allocation.UsableFrom <= instant)
            {
                current = allocation;
            }
        }

        return current;
    }

    /// <summary>Takes up to <paramref name="wanted"/> usable at the instant, carried balances first, then older allocations.</summary>
    public decimal Take(DateTimeOffset instant, decimal wanted)
    {
        var taken = 0m;
        foreach (var carried in Carried)
        {
            if (taken == wanted)
            {
                return taken;
            }

            if (carried.IsUsableAt(instant) && carried.Remaining > 0m)
            {
                var part = Math.Min(carried.Remaining, wanted - taken);
                carried.Remaining -= part;
                taken += part;
            }
        }

        for (var i = 0; i < Allocations.Count && taken < wanted; i++)
        {
            if (Allocations[i].IsUsableAt(instant) && Remaining[i] > 0m)
            {
                var part = Math.Min(Remaining[i], wanted - taken);
                Remaining[i] -= part;
                taken += part;
            }
        }

        return taken;
    }

    /// <summary>The low-balance threshold of the current allocation: 10 % of the month's allocation, or of a once pack's quantity.</summary>
    public static decimal LowThreshold(PackAllocation allocation) => allocation.Quantity * LowShare;

    /// <summary>The balance a once pack hands over at validTo: all it still holds. Empties the pack.</summary>
    public decimal HandOver()
    {
        var total = 0m;
        foreach (var carried in Carried)
        {
            total += carried.Remaining;
            carried.Remaining = 0m;
        }

        for (var i = 0; i < Remaining.Length; i++)
        {
            total += Remaining[i];
            Remaining[i] = 0m;
        }

        CarriedOut = true;
        return total;
    }
}
