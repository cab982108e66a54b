using Billing.Domain.Periods;

namespace Billing.Domain.Packs;

/// <summary>
/// One tranche of a pack: <see cref="Quantity"/> usable in [<see cref="UsableFrom"/>, <see cref="UsableUntil"/>).
/// A once pack has one allocation; a monthly pack one per calendar month its validity touches.
/// </summary>
public sealed record PackAllocation(int Index, DateTimeOffset UsableFrom, DateTimeOffset UsableUntil, decimal Quantity)
{
    /// <summary>
    /// The allocations of a pack. Monthly: each month gets floor(quantity / months), the last also the
    /// remainder; usable from the month's start (or validFrom) until the month's end, or until validTo
    /// with carry-over. A validTo at local midnight of the 1st does not touch that month.
    /// </summary>
    public static IReadOnlyList<PackAllocation> For(PrepaidPack pack, BillingCalendar calendar)
    {
        if (pack.Allocation == PackAllocationMode.Once)
        {
            return [new PackAllocation(0, pack.ValidFrom, pack.ValidTo, pack.Quantity)];
        }

        var months = new List<BillingPeriod>();
        for (var month = calendar.MonthContaining(pack.ValidFrom); month.Start < pack.ValidTo; month = calendar.Next(month))
        {
            months.Add(month);
        }

        var each = Math.Floor(pack.Quantity / months.Count);
        var allocations = new List<PackAllocation>(months.Count);
        for (var i = 0; i < months.Count; i++)
        {
            var from = i == 0 ? pack.ValidFrom : months[i].Start;
            var until = pack.CarryOver ? pack.ValidTo : Min(months[i].End, pack.ValidTo);
            var quantity = i == months.Count - 1 ? pack.Quantity - (each * (months.Count - 1)) : each;
            allocations.Add(new PackAllocation(i, from, until, quantity));
        }

        return allocations;
    }

    public bool IsUsableAt(DateTimeOffset instant) => instant >= UsableFrom && instant < UsableUntil;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
