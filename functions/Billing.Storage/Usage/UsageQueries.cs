using System.Globalization;
using Billing.Domain.Ordering;
using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Reads usage back: hourly totals from the month rollups (never raw events) for charts, previews and
/// settlement; the distinct-value markers of unique-count meters; and the raw events of a short window for
/// drill-down. Markers and events are read per local day (only the days in the day index) from all its
/// shards, one range query per partition, a few in parallel.
/// </summary>
public sealed class UsageQueries(ITableClient usage, UsageKeys keys)
{
    private const int Parallelism = 8;
    private readonly MonthRollupStore rollupStore = new(usage);

    /// <summary>
    /// Hourly totals of the local days [<paramref name="firstDay"/>, <paramref name="lastDay"/>], hours without usage left out,
    /// from the month rollups (one point read per month). The rollup is written just after the events' transaction,
    /// so it can lag the hour rows only while a batch is being metered or waits for redelivery after a crash.
    /// </summary>
    public async Task<IReadOnlyList<HourlyUsagePoint>> HourlyAsync(string customer, string meter, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default)
    {
        var months = new List<DateOnly>();
        for (var month = new DateOnly(firstDay.Year, firstDay.Month, 1); month <= lastDay; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var rollups = await Task.WhenAll(months.Select(month => rollupStore.ReadAsync(customer, meter, month, ct)));
        return rollups
            .SelectMany(r => r.Slots)
            .Where(s => s.Key.Day >= firstDay && s.Key.Day <= lastDay)
            .GroupBy(s => (s.Key.Day, s.Key.Hour))
            .Select(g => new HourlyUsagePoint(g.Key.Day, g.Key.Hour, keys.Calendar.StartOfDay(g.Key.Day).AddHours(g.Key.Hour), g.Select(s => s.Value).Aggregate((a, b) => a.Merge(b))))
            .OrderBy(p => p.Start)
            .ToList();
    }

    /// <summary>Hourly totals read from the hour rows of every day partition (range queries): what the month rollups copy.</summary>
    public async Task<IReadOnlyList<HourlyUsagePoint>> HourlyFromHourRowsAsync(string customer, string meter, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default)
    {
        var points = new List<HourlyUsagePoint>();
        await ForEachPartitionAsync(customer, meter, firstDay, lastDay, $"RowKey ge '{UsageKeys.AggregatePrefix}' and RowKey lt '!i'", (day, row) =>
        {
            var hour = UsageRows.HourOf(row.RowKey);
            lock (points)
            {
                points.Add(new HourlyUsagePoint(day, hour, keys.Calendar.StartOfDay(day).AddHours(hour), UsageRows.ReadHour(row)));
            }
        }, ct);

        return points
            .GroupBy(p => (p.Day, p.Hour))
            .Select(g => g.Aggregate((a, b) => a with { Usage = a.Usage.Merge(b.Usage) }))
            .OrderBy(p => p.Start)
            .ToList();
    }

    /// <summary>The distinct values a unique-count meter saw on the local days [<paramref name="firstDay"/>, <paramref name="lastDay"/>].</summary>
    public async Task<IReadOnlySet<string>> DistinctAsync(string customer, string meter, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        await ForEachPartitionAsync(customer, meter, firstDay, lastDay, $"RowKey ge '{UsageKeys.DistinctPrefix}' and RowKey lt 'u;'", (_, row) =>
        {
            lock (values)
            {
                values.Add(row.GetString("Value") ?? string.Empty);
            }
        }, ct);
        return values;
    }

    /// <summary>The raw events with <c>at</c> in [<paramref name="from"/>, <paramref name="to"/>), in event-time order.</summary>
    public async Task<IReadOnlyList<StoredUsageEvent>> EventsAsync(string customer, string meter, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var events = new List<StoredUsageEvent>();
        var window = TableFilter.Create($"At ge {from} and At lt {to}");
        await ForEachPartitionAsync(customer, meter, keys.Calendar.LocalDate(from), keys.Calendar.LocalDate(to), $"RowKey ge '{UsageKeys.EventPrefix}' and RowKey lt 'e;' and {window}", (_, row) =>
        {
            var e = new StoredUsageEvent(
                row.GetString("Id") ?? string.Empty,
                row.GetString("Customer") ?? customer,
                row.GetString("Meter") ?? meter,
                row.GetDateTimeOffset("At") ?? default,
                row.GetDateTimeOffset("ReceivedAt") ?? default,
                row.GetDecimal("Quantity") ?? 0m,
                row.GetString("Distinct"),
                row.GetBoolean("Late") ?? false,
                row.GetString("Body") ?? string.Empty);
            lock (events)
            {
                events.Add(e);
            }
        }, ct);
        return events.OrderBy(e => e.At).ThenBy(e => e.Id, CodePointOrder.Instance).ToList();
    }

    /// <summary>The local days in [<paramref name="firstDay"/>, <paramref name="lastDay"/>] on which the meter has usage, from the day index.</summary>
    private async Task<List<DateOnly>> DaysWithUsageAsync(string customer, string meter, DateOnly firstDay, DateOnly lastDay, CancellationToken ct)
    {
        var days = new List<DateOnly>();
        var filter = TableFilter.Create(
            $"PartitionKey eq {UsageKeys.DayIndexPartition(customer, meter)} and RowKey ge {firstDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture)} and RowKey lt {lastDay.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}");
        await foreach (var row in usage.QueryAsync(filter, cancellationToken: ct))
        {
            days.Add(DateOnly.ParseExact(row.RowKey.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture));
        }

        return days;
    }

    private async Task ForEachPartitionAsync(string customer, string meter, DateOnly firstDay, DateOnly lastDay, string rowFilter, Action<DateOnly, TableEntity> onRow, CancellationToken ct)
    {
        var partitions = new List<(DateOnly Day, string Key)>();
        foreach (var day in await DaysWithUsageAsync(customer, meter, firstDay, lastDay, ct))
        {
            for (var shard = 0; shard < keys.Shards; shard++)
            {
                partitions.Add((day, keys.PartitionKey(customer, meter, day, shard)));
            }
        }

        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (partition, token) =>
        {
            var filter = TableFilter.Create($"PartitionKey eq {partition.Key}") + " and " + rowFilter;
            await foreach (var row in usage.QueryAsync(filter, cancellationToken: token))
            {
                onRow(partition.Day, row);
            }
        });
    }
}
