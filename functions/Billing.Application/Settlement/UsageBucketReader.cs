using Billing.Domain.Catalog;
using Billing.Domain.Periods;
using Billing.Application.Accounts;

namespace Billing.Application.Settlement;

/// <summary>
/// Reads metered usage for settlement as buckets: one per local hour from the aggregate rows (never the raw
/// events), except in an hour that a pack's validity starts or ends inside, where deduction depends on
/// which events came before the boundary: those hours are read event by event. Unique-count meters are read
/// as the distinct values of each day. Meters priced per event (<c>latest</c> meters and the meters of
/// <c>percentage</c> charges: which event is last, or which events are free, depends on each event) are read
/// event by event, each with its id. Late and on-time usage count alike here; what is late is decided by
/// comparing with what earlier settlements read.
/// </summary>
public sealed class UsageBucketReader(TenantUsage usage)
{
    /// <summary>The meters of the catalogs whose charges need each event: <c>latest</c> meters and meters a <c>percentage</c> charge prices.</summary>
    public static IReadOnlySet<string> PerEventMeters(params ProductCatalog[] catalogs) =>
        catalogs.SelectMany(c => c.Meters.Values.Where(m => m.Aggregation == Aggregation.Latest).Select(m => m.Code)
                .Concat(c.Plans.Values.SelectMany(p => p.Charges).Where(ch => ch.Price is Domain.Pricing.PercentagePrice).Select(ch => ch.Meter!)))
            .ToHashSet(StringComparer.Ordinal);

    public async Task<List<UsageBucket>> ReadAsync(
        IReadOnlyList<string> customers,
        IReadOnlyList<Meter> meters,
        BillingCalendar calendar,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyCollection<DateTimeOffset> boundaries,
        CancellationToken ct,
        IReadOnlySet<string>? perEventMeters = null)
    {
        var queries = await usage.QueriesAsync(ct);
        var firstDay = calendar.LocalDate(from);
        var lastDay = calendar.LocalDate(to.AddTicks(-1));
        var buckets = new List<UsageBucket>();
        var work = customers.SelectMany(customer => meters.Select(meter => (customer, meter))).ToList();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (item, token) =>
        {
            var (customer, meter) = item;
            var found = new List<UsageBucket>();
            if (meter.Aggregation == Aggregation.UniqueCount)
            {
                for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
                {
                    var values = await queries.DistinctAsync(customer, meter.Code, day, day, token);
                    if (values.Count > 0)
                    {
                        var start = calendar.StartOfDay(day);
                        found.Add(new UsageBucket(customer, meter.Code, start < from ? from : start, values.Count, values.Count, 0m, values.Order(StringComparer.Ordinal).ToList()));
                    }
                }
            }
            else if (meter.Aggregation == Aggregation.Latest || perEventMeters?.Contains(meter.Code) == true)
            {
                var events = await queries.EventsAsync(customer, meter.Code, from, to, token);
                found.AddRange(events.Select(e => new UsageBucket(customer, meter.Code, e.At, e.Quantity, 1, e.Quantity, null, e.Id)));
            }
            else
            {
                foreach (var hour in await queries.HourlyAsync(customer, meter.Code, firstDay, lastDay, token))
                {
                    if (hour.Start < from || hour.Start >= to)
                    {
                        continue;
                    }

                    var end = hour.Start.AddHours(1);
                    if (boundaries.Any(b => b > hour.Start && b < end))
                    {
                        var events = await queries.EventsAsync(customer, meter.Code, hour.Start, end, token);
                        found.AddRange(events.Select(e => new UsageBucket(customer, meter.Code, e.At, e.Quantity, 1, e.Quantity)));
                    }
                    else
                    {
                        var u = hour.Usage;
                        found.Add(new UsageBucket(customer, meter.Code, hour.Start, u.Sum + u.LateSum, u.Count + u.LateCount, Math.Max(u.Max, u.LateMax)));
                    }
                }
            }

            lock (buckets)
            {
                buckets.AddRange(found);
            }
        });

        return buckets.OrderBy(b => b.Start).ThenBy(b => b.Customer, StringComparer.Ordinal).ThenBy(b => b.Meter, StringComparer.Ordinal).ToList();
    }
}
