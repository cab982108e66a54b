using Billing.Domain.Accounts;
using Billing.Domain.Packs;
using Billing.Domain.Periods;
using Billing.Application.Accounts;
using Billing.Storage.Usage;

namespace Billing.Application.Settlement;

/// <summary>
/// The usage a settlement reads from the aggregates: a settled period's, with the late usage of earlier settled periods
/// (for its write-once snapshot), and the usage of the periods not settled yet, read live (for previews and collections).
/// </summary>
public sealed class SettlementUsage(UsageBucketReader reader, UsageMarkers markers)
{
    /// <summary>
    /// What settling <paramref name="period"/> reads: its usage, and the late usage (usage that reached the settled periods
    /// of <paramref name="history"/> since they were settled: the marked days read again and compared with what was billed).
    /// </summary>
    public async Task<SettlementSnapshot> ReadSnapshotAsync(
        IReadOnlyList<Customer> family, CatalogSnapshot catalog, AccountDocuments inForce, BillingPeriod period, DateTimeOffset due, List<SettlementSnapshot> history, CancellationToken ct)
    {
        var members = family.Select(c => c.Id).ToList();
        var meters = MetersOf(family, catalog);
        var boundaries = Boundaries(family, catalog.Calendar);
        var perEvent = UsageBucketReader.PerEventMeters(catalog.Catalog, inForce.Catalog.Catalog);
        var usage = await reader.ReadAsync(members, meters, catalog.Calendar, period.Start, period.End, boundaries, ct, perEvent);

        // Usage that reached settled periods since they were settled: re-read the marked days and compare.
        var late = new List<UsageBucket>();
        if (history.Count > 0)
        {
            var settledUntil = catalog.Calendar.TryParse(history[^1].Period, period.Unit)!.End;
            var marked = (await markers.ForAsync(family[0].Id, ct))
                .Where(m => catalog.Calendar.StartOfDay(m.Day) < settledUntil)
                .GroupBy(m => m.Day);
            foreach (var day in marked)
            {
                var from = catalog.Calendar.StartOfDay(day.Key);
                var to = catalog.Calendar.StartOfDay(day.Key.AddDays(1));
                var current = await reader.ReadAsync(day.Select(m => m.Customer).Distinct().ToList(), meters.Where(m => day.Any(d => d.Meter == m.Code)).ToList(), catalog.Calendar, from, to < settledUntil ? to : settledUntil, boundaries, ct, perEvent);
                var billed = history.SelectMany(s => s.Usage.Concat(s.Late)).Where(b => b.Start >= from && b.Start < to);
                late.AddRange(LateUsageDiff.Compute(current, billed, catalog.Calendar));
            }
        }

        return new SettlementSnapshot(family[0].Id, period.Name, due, usage, late);
    }

    /// <summary>Usage of the periods not settled yet, read live up to and including <paramref name="until"/> (its hour starts at or before it).</summary>
    public Task<List<UsageBucket>> ReadOpenAsync(AccountDocuments open, BillingPeriod openPeriod, DateTimeOffset until, CancellationToken ct)
    {
        var calendar = open.Catalog.Calendar;
        return reader.ReadAsync(
            open.Family.Select(c => c.Id).ToList(), MetersOf(open.Family, open.Catalog), calendar, openPeriod.Start, until.AddTicks(1), Boundaries(open.Family, calendar), ct, UsageBucketReader.PerEventMeters(open.Catalog.Catalog));
    }

    private static List<Domain.Catalog.Meter> MetersOf(IReadOnlyList<Customer> family, CatalogSnapshot catalog) =>
        family.Select(c => catalog.Catalog.Plans[c.PlanCode])
            .SelectMany(p => p.Charges.Select(ch => ch.Meter).Concat(p.FreeQuotas.Select(q => q.Meter)))
            .Concat(family.SelectMany(c => c.Packs).Select(p => p.Meter))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(code => catalog.Catalog.Meters[code])
            .ToList();

    /// <summary>Instants where a pack's usable quantity changes; an hour containing one is read event by event.</summary>
    private static List<DateTimeOffset> Boundaries(IReadOnlyList<Customer> family, BillingCalendar calendar) =>
        family.SelectMany(c => c.Packs)
            .SelectMany(p => PackAllocation.For(p, calendar).SelectMany(a => new[] { a.UsableFrom, a.UsableUntil }).Append(p.ValidFrom).Append(p.ValidTo))
            .Distinct()
            .ToList();
}
