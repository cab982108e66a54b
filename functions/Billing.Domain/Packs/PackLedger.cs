using Billing.Domain.Periods;

namespace Billing.Domain.Packs;

/// <summary>
/// The prepaid packs of one meter of one rating subject, consumed event by event in event-time order.
/// Before each consumption the ledger moves, in validTo order, the balance of every expired once pack
/// with carry-over into its successor: the earliest-purchased other pack of the same owner and meter
/// purchased before, and still valid at, that validTo. Balances not carried are forfeited by time alone:
/// an allocation simply stops being usable.
/// </summary>
public sealed class PackLedger
{
    private readonly PackBalance[] balances;
    private readonly List<PackBalance> pendingHandOvers;
    private DateTimeOffset advancedTo;

    public PackLedger(IEnumerable<PrepaidPack> packs, BillingCalendar calendar)
    {
        balances = packs.Order(PrepaidPack.DeductionOrder)
            .Select(pack => PackBalance.Open(pack, PackAllocation.For(pack, calendar)))
            .ToArray();
        pendingHandOvers = balances
            .Where(b => b.Pack.Allocation == PackAllocationMode.Once && b.Pack.CarryOver)
            .OrderBy(b => b.Pack.ValidTo)
            .ToList();
        advancedTo = DateTimeOffset.MinValue;
    }

    private PackLedger(PackBalance[] balances, List<PackBalance> pendingHandOvers, DateTimeOffset advancedTo)
    {
        this.balances = balances;
        this.pendingHandOvers = pendingHandOvers;
        this.advancedTo = advancedTo;
    }

    /// <summary>True when the subject has no pack on this meter (the fast path of rating).</summary>
    public bool IsEmpty => balances.Length == 0;

    /// <summary>The latest instant consumption or carry-over has been applied at.</summary>
    public DateTimeOffset AdvancedTo => advancedTo;

    public IEnumerable<PrepaidPack> Packs => balances.Select(b => b.Pack);

    public PackLedger Clone()
    {
        var copies = balances.Select(b => b.Clone()).ToArray();
        var pending = pendingHandOvers.Select(p => copies[Array.IndexOf(balances, p)]).ToList();
        return new PackLedger(copies, pending, advancedTo);
    }

    /// <summary>
    /// Takes up to <paramref name="quantity"/> from the packs usable at <paramref name="at"/>, in deduction
    /// order. Returns the quantity taken; draws and low-balance crossings are appended when lists are given.
    /// </summary>
    public decimal Consume(DateTimeOffset at, decimal quantity, List<PackDraw>? draws, List<PackLowCrossing>? crossings)
    {
        AdvanceTo(at);
        var taken = 0m;
        foreach (var balance in balances)
        {
            if (taken == quantity)
            {
                break;
            }

            var allocation = balance.CurrentAllocation(at);
            if (allocation is null && balance.Carried.Count == 0)
            {
                continue;
            }

            var before = balance.UsableAt(at);
            if (before <= 0m)
            {
                continue;
            }

            var part = balance.Take(at, quantity - taken);
            taken += part;
            draws?.Add(new PackDraw(balance.Pack.Owner, balance.Pack.Code, part));
            if (allocation is not null && crossings is not null)
            {
                var threshold = PackBalance.LowThreshold(allocation);
                if (before >= threshold && before - part < threshold)
                {
                    crossings.Add(new PackLowCrossing(balance.Pack.Owner, balance.Pack.Code, allocation.Index));
                }
            }
        }

        return taken;
    }

    /// <summary>What the pack can still give at the instant (0 once expired), without changing this ledger.</summary>
    public decimal UsableAt(string owner, string packCode, DateTimeOffset instant)
    {
        var ledger = instant > advancedTo ? Clone() : this;
        ledger.AdvanceTo(instant);
        var balance = ledger.balances.First(b => b.Pack.Owner == owner && b.Pack.Code == packCode);
        return balance.UsableAt(instant);
    }

    private void AdvanceTo(DateTimeOffset instant)
    {
        if (instant <= advancedTo)
        {
            return;
        }

        while (pendingHandOvers.Count > 0 && pendingHandOvers[0].Pack.ValidTo <= instant)
        {
            var expiring = pendingHandOvers[0];
            pendingHandOvers.RemoveAt(0);
            var successor = SuccessorOf(expiring.Pack);
            var balance = expiring.HandOver();
            if (successor is not null && balance > 0m)
            {
                successor.Carried.Add(new CarriedBalance(expiring.Pack.ValidTo, successor.Pack.ValidTo) { Remaining = balance });
            }
        }

        advancedTo = instant;
    }

    private PackBalance? SuccessorOf(PrepaidPack expiring) =>
        balances
            .Where(b => !ReferenceEquals(b.Pack, expiring)
                && b.Pack.Owner == expiring.Owner
                && b.Pack.PurchasedAt < expiring.ValidTo
                && b.Pack.ValidFrom <= expiring.ValidTo
                && expiring.ValidTo < b.Pack.ValidTo)
            .OrderBy(b => b.Pack.PurchasedAt)
            .ThenBy(b => b.Pack, PrepaidPack.DeductionOrder)
            .FirstOrDefault();
}
