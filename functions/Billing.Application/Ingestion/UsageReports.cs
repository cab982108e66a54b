using System.Globalization;
using Billing.Domain.Catalog;
using Billing.Domain.Periods;
using Billing.Application.Accounts;
using Billing.Storage.Usage;

namespace Billing.Application.Ingestion;

/// <summary>
/// Builds usage series from the hourly aggregate rows (never from raw events), and the raw events of a window
/// of at most one hour for drill-down. Buckets follow the tenant's calendar.
/// </summary>
public sealed class UsageReports(TenantUsage usage)
{
    public static TimeSpan MaxEventWindow { get; } = TimeSpan.FromHours(1);

    public async Task<UsageSeries> SeriesAsync(string customer, Meter meter, BillingCalendar calendar, DateTimeOffset from, DateTimeOffset to, UsageGranularity granularity, CancellationToken ct)
    {
        var queries = await usage.QueriesAsync(ct);
        var firstDay = calendar.LocalDate(from);
        var lastDay = calendar.LocalDate(to.AddTicks(-1));
        var points = new List<UsagePoint>();
        if (meter.Aggregation == Aggregation.UniqueCount)
        {
            foreach (var (start, days) in Buckets(calendar, firstDay, lastDay, granularity))
            {
                var values = await queries.DistinctAsync(customer, meter.Code, days.First, days.Last, ct);
                if (values.Count > 0)
                {
                    points.Add(new UsagePoint(start, values.Count.ToString(CultureInfo.InvariantCulture), values.Count));
                }
            }
        }
        else
        {
            var hours = (await queries.HourlyAsync(customer, meter.Code, firstDay, lastDay, ct))
                .Where(h => h.Start >= from && h.Start < to);
            foreach (var bucket in hours.GroupBy(h => BucketStart(calendar, h, granularity)).OrderBy(g => g.Key))
            {
                var usage = bucket.Select(h => h.Usage).Aggregate((a, b) => a.Merge(b));
                var value = meter.Aggregation switch
                {
                    Aggregation.Max => Math.Max(usage.Max, usage.LateMax),
                    Aggregation.Count => usage.Count + usage.LateCount,
                    _ => usage.Sum + usage.LateSum,
                };
                points.Add(new UsagePoint(bucket.Key, (value / 1.000000000000000000000000000m).ToString(CultureInfo.InvariantCulture), usage.Count + usage.LateCount));
            }
        }

        return new UsageSeries(customer, meter.Code, AggregationName(meter.Aggregation), granularity.ToString().ToLowerInvariant(), from, to, points);
    }

    private static DateTimeOffset BucketStart(BillingCalendar calendar, HourlyUsagePoint hour, UsageGranularity granularity) => granularity switch
    {
        UsageGranularity.Hour => hour.Start,
        UsageGranularity.Day => calendar.StartOfDay(hour.Day),
        _ => calendar.StartOfDay(new DateOnly(hour.Day.Year, hour.Day.Month, 1)),
    };

    private static IEnumerable<(DateTimeOffset Start, (DateOnly First, DateOnly Last) Days)> Buckets(BillingCalendar calendar, DateOnly firstDay, DateOnly lastDay, UsageGranularity granularity)
    {
        if (granularity == UsageGranularity.Day)
        {
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                yield return (calendar.StartOfDay(day), (day, day));
            }

            yield break;
        }

        for (var month = new DateOnly(firstDay.Year, firstDay.Month, 1); month <= lastDay; month = month.AddMonths(1))
        {
            var first = month < firstDay ? firstDay : month;
            var last = month.AddMonths(1).AddDays(-1) > lastDay ? lastDay : month.AddMonths(1).AddDays(-1);
            yield return (calendar.StartOfDay(month), (first, last));
        }
    }

    private static string AggregationName(Aggregation aggregation) => aggregation switch
    {
        Aggregation.Sum => "sum",
        Aggregation.Count => "count",
        Aggregation.Max => "max",
        Aggregation.Latest => "latest",
        _ => "unique_count",
    };
}
