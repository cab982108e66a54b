namespace Billing.Domain.Packs;

/// <summary>
/// What is left of one pack: the remainder of each allocation and the balances carried into it from
/// predecessors (each usable from the predecessor's <c>validTo</c> until this pack's <c>validTo</c>).
/// </summary>
internal sealed class PackBalance
{
    private const decimal LowShare = 0.1m;

    private readonly PackAllocation[] allocations;

    // True when the allocations start in increasing order, so the one an instant falls in is found by search.
    private readonly bool ascending;

    // True when, besides, each allocation stops being usable before the next starts (no carry-over): only the
    // latest started allocation can be usable at an instant.
    private readonly bool disjoint;

    // The index the last search found (events come mostly in time order, so it is usually right again).
    private int lastStarted = -1;

    private PackBalance(PrepaidPack pack, PackAllocation[] allocations, bool ascending, bool disjoint, decimal[] remaining, List<CarriedBalance> carried, bool carriedOut)
    {
        Pack = pack;
        this.allocations = allocations;
        this.ascending = ascending;
        this.disjoint = disjoint;
        Remaining = remaining;
        Carried = carried;
        CarriedOut = carriedOut;
    }

    public PrepaidPack Pack { get; }

    public IReadOnlyList<PackAllocation> Allocations => allocations;

    /// <summary>Unused quantity of each allocation, by index.</summary>
    public decimal[] Remaining { get; }

    /// <summary>Balances moved in from expired once packs, oldest first.</summary>
    public List<CarriedBalance> Carried { get; }

    /// <summary>True once this pack's balance moved to its successor at validTo.</summary>
    public bool CarriedOut { get; set; }

    public static PackBalance Open(PrepaidPack pack, IReadOnlyList<PackAllocation> allocations)
    {
        var array = allocations.ToArray();
        var ascending = true;
        var disjoint = true;
        for (var i = 1; i < array.Length; i++)
        {
            ascending &= array[i - 1].UsableFrom < array[i].UsableFrom;
            disjoint &= array[i - 1].UsableUntil <= array[i].UsableFrom;
        }

        return new(pack, array, ascending, ascending && disjoint, array.Select(a => a.Quantity).ToArray(), [], false);
    }

    public PackBalance Clone() =>
        new(Pack, allocations, ascending, disjoint, (decimal[])Remaining.Clone(), Carried.Select(c => c with { }).ToList(), CarriedOut)
        {
            lastStarted = lastStarted,
        };

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

        var (first, last) = Candidates(instant);
        for (var i = first; i <= last; i++)
        {
            if (allocations[i].IsUsableAt(instant))
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

        if (ascending)
        {
            var index = LastStarted(instant);
            return index < 0 ? null : allocations[index];
        }

        PackAllocation? current = null;
        foreach (var allocation in allocations)
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

        var (first, last) = Candidates(instant);
        for (var i = first; i <= last && taken < wanted; i++)
        {
            if (allocations[i].IsUsableAt(instant) && Remaining[i] > 0m)
            {
                var part = Math.Min(Remaining[i], wanted - taken);
                Remaining[i] -= part;
                taken += part;
            }
        }

        return taken;
    }

    /// <summary>
    /// The index range of the allocations that can be usable at the instant, in index order: none that has
    /// not started, and with disjoint allocations only the latest started one. Everything outside the range
    /// is not usable then, so scanning the range finds exactly the usable ones.
    /// </summary>
    private (int First, int Last) Candidates(DateTimeOffset instant)
    {
        if (!ascending)
        {
            return (0, allocations.Length - 1);
        }

        var last = LastStarted(instant);
        return (disjoint ? Math.Max(last, 0) : 0, last);
    }

    /// <summary>The index of the latest allocation started at the instant (-1 when none has); needs <see cref="ascending"/>.</summary>
    private int LastStarted(DateTimeOffset instant)
    {
        var hint = lastStarted;
        if (hint >= 0 && hint < allocations.Length && allocations[hint].UsableFrom <= instant
            && (hint + 1 == allocations.Length || allocations[hint + 1].UsableFrom > instant))
        {
            return hint;
        }

        var lo = 0;
        var hi = allocations.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (allocations[mid].UsableFrom <= instant)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        lastStarted = hi;
        return hi;
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
