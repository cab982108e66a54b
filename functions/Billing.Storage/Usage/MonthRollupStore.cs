using System.Collections.Concurrent;
using Azure;
using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Keeps the <see cref="MonthRollup"/> rows in the usage table: merges copies of hour rows into them (only the
/// changed day groups are sent, as a Merge guarded by the row's ETag; a lost race re-reads and merges again)
/// and reads a month back with one point read. Rows last written by this process are cached with their ETag,
/// so a busy meter's rollup is written without being read first.
/// </summary>
public sealed class MonthRollupStore(ITableClient usage)
{
    private const int MaxAttempts = 30;
    private const int CacheLimit = 20_000;
    private readonly ConcurrentDictionary<(string PartitionKey, string RowKey), (ETag ETag, MonthRollup Rollup)> cache = new();

    /// <summary>Merges the copies (of one customer's meter, any months) into their months' rollups.</summary>
    public async Task PublishAsync(string customer, string meter, IEnumerable<KeyValuePair<RollupSlot, HourlyUsage>> copies, CancellationToken ct)
    {
        foreach (var month in copies.GroupBy(c => MonthRollup.RowKey(customer, meter, c.Key.Day), StringComparer.Ordinal))
        {
            await PublishMonthAsync(MonthRollup.PartitionKey(customer, meter), month.Key, month.ToList(), ct);
        }
    }

    /// <summary>The month's rollup (empty when the meter has no usage that month).</summary>
    public async Task<MonthRollup> ReadAsync(string customer, string meter, DateOnly anyDayOfMonth, CancellationToken ct)
    {
        var row = await GetAsync(MonthRollup.PartitionKey(customer, meter), MonthRollup.RowKey(customer, meter, anyDayOfMonth), ct);
        return row is null ? MonthRollup.Empty() : MonthRollup.Read(row, anyDayOfMonth.Year, anyDayOfMonth.Month);
    }

    private async Task PublishMonthAsync(string partitionKey, string rowKey, List<KeyValuePair<RollupSlot, HourlyUsage>> copies, CancellationToken ct)
    {
        var key = (partitionKey, rowKey);
        var (year, month) = (copies[0].Key.Day.Year, copies[0].Key.Day.Month);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!cache.TryGetValue(key, out var held))
            {
                var row = await GetAsync(partitionKey, rowKey, ct);
                held = row is null ? (default, MonthRollup.Empty()) : (row.ETag, MonthRollup.Read(row, year, month));
            }

            var next = held.Rollup.Copy();
            var changed = next.Merge(copies);
            if (changed.Count == 0)
            {
                return;
            }

            var entity = new TableEntity(partitionKey, rowKey);
            foreach (var property in changed)
            {
                entity[property] = next.Render(property);
            }

            try
            {
                var etag = held.ETag == default
                    ? await usage.AddEntityAsync(entity, ct)
                    : await usage.UpdateEntityAsync(entity, held.ETag, TableUpdateMode.Merge, ct);
                Remember(key, etag, next);
                return;
            }
            catch (StorageRequestFailedException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
            {
                // Another writer got there first: merge into what it wrote.
                cache.TryRemove(key, out _);
            }
        }

        throw new InvalidOperationException($"month rollup {partitionKey}/{rowKey} kept changing; not updated after {MaxAttempts} attempts");
    }

    private void Remember((string, string) key, ETag etag, MonthRollup rollup)
    {
        if (cache.Count > CacheLimit)
        {
            cache.Clear();
        }

        if (etag == default)
        {
            cache.TryRemove(key, out _);
            return;
        }

        cache[key] = (etag, rollup);
    }

    private async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        try
        {
            return await usage.GetEntityIfExistsAsync(partitionKey, rowKey, ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            // The table is created at start-up; a missing one reads as no usage yet.
            return null;
        }
    }
}
