using System.Collections.Concurrent;
using Azure;
using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Writes usage exactly once. Per partition, a chunk of new event rows and the merge of that partition's
/// hourly aggregate rows go in one entity group transaction, the aggregates guarded by their ETags, so the
/// aggregates always equal the sum of the stored events. The event row insert is the dedup claim: when a
/// transaction fails on an existing event, the chunk's events are read back; identical repeats are dropped,
/// conflicting ones refused, and the rest retried. A concurrent writer (412) makes the chunk re-read the
/// aggregates and retry. Redelivering a batch after a crash therefore completes it without double counting.
/// An event the Table service will not hold (a property over 64 KiB, a row key over 1,024 characters) is parked
/// (<see cref="MeteringResult.Parked"/>) and the rest of its transaction written without it.
/// After the transactions, the touched hour rows are copied into their <see cref="MonthRollup"/>s (also when
/// every event was a repeat, which is how a redelivery completes a rollup an earlier attempt did not reach).
/// Events this process has stored or found stored are remembered (up to <see cref="StoredEventLimit"/>, by partition
/// and event id, with their stored fingerprint), so a repeat of one (a retried webhook, a file imported again) is told
/// a duplicate or a conflict without asking the table; rows are never deleted, so the memory is never wrong.
/// </summary>
public sealed partial class UsageMeteringStore(ITableClient usage, UsageKeys keys)
{
    private const int MaxActions = 100;
    private const int MaxAttempts = 20;
    private const int CacheLimit = 50_000;
    private const int StoredEventLimit = 100_000;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, CachedHour?>> aggregateCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Customer, string Meter, DateOnly Day), byte> indexedDays = new();
    private readonly MonthRollupStore rollups = new(usage);
    private readonly ConcurrentDictionary<(string Partition, string EventId), string> storedEvents = new();

    public UsageKeys Keys => keys;

    /// <summary>Meters the batch; partitions are written independently (up to 4 at a time).</summary>
    public async Task<MeteringResult> MeterAsync(IReadOnlyList<MeterableUsage> batch, CancellationToken cancellationToken = default)
    {
        var (unique, inBatch) = WithinBatch(batch);
        await IndexDaysAsync(unique, cancellationToken);
        var partitions = unique
            .Select(u => (Usage: u, Location: keys.Locate(u.Event.Customer, u.Event.Meter, u.Event.Id, u.Event.At)))
            .GroupBy(x => x.Location.PartitionKey, StringComparer.Ordinal)
            .ToList();
        var results = new ConcurrentBag<MeteringResult>();
        var copies = new ConcurrentBag<(string Customer, string Meter, RollupSlot Slot, HourlyUsage Usage)>();
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var items = partition.Select(x => (x.Usage, x.Location.HourRow)).ToList();
                results.Add(await MeterPartitionAsync(partition.Key, items, ct));

                // The partition's touched hour rows as they stand now (after this write, or as a crashed earlier attempt left them).
                var first = items[0].Usage.Event;
                var day = keys.Calendar.LocalDate(first.At);
                var shard = keys.Shard(first.Id);
                var touched = items.Select(i => i.HourRow).ToHashSet(StringComparer.Ordinal);
                var hours = await CurrentHoursAsync(partition.Key, touched, ct);
                foreach (var (hourRow, current) in hours.Where(h => touched.Contains(h.Key)))
                {
                    if (current is not null)
                    {
                        copies.Add((first.Customer, first.Meter, new RollupSlot(day, UsageRows.HourOf(hourRow), shard), current.Usage));
                    }
                }
            });

        await Parallel.ForEachAsync(
            copies.GroupBy(c => (c.Customer, c.Meter)),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (meter, ct) => await rollups.PublishAsync(meter.Key.Customer, meter.Key.Meter, meter.Select(c => KeyValuePair.Create(c.Slot, c.Usage)), ct));
        return results.Aggregate(inBatch, (total, next) => total.Plus(next));
    }

    /// <summary>
    /// Lists each event's local day in the customer's day index before its usage is written, so a read that trusts the
    /// index never misses a day (a day listed without usage, after a failed write, only costs a read).
    /// </summary>
    private async Task IndexDaysAsync(IEnumerable<MeterableUsage> metered, CancellationToken ct)
    {
        if (indexedDays.Count > 200_000)
        {
            indexedDays.Clear();
        }

        var days = metered.Select(u => (u.Event.Customer, u.Event.Meter, Day: keys.Calendar.LocalDate(u.Event.At))).Distinct().Where(d => !indexedDays.ContainsKey(d)).ToList();

        // One transaction per customer and meter (the index is one partition each), up to 100 days in it.
        var groups = days.GroupBy(d => (d.Customer, d.Meter)).SelectMany(g => g.Chunk(MaxActions)).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (group, token) =>
        {
            var rows = group.Select(d => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(UsageKeys.DayIndexPartition(d.Customer, d.Meter), UsageKeys.DayIndexRow(d.Customer, d.Meter, d.Day)) { ["Day"] = d.Day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) }));
            await usage.SubmitTransactionAsync(rows, token);
            foreach (var day in group)
            {
                indexedDays.TryAdd(day, 0);
            }
        });
    }

    private static (List<MeterableUsage> Unique, MeteringResult Result) WithinBatch(IReadOnlyList<MeterableUsage> batch)
    {
        var first = new Dictionary<string, MeterableUsage>(StringComparer.Ordinal);
        var unique = new List<MeterableUsage>(batch.Count);
        var duplicates = 0;
        var conflicts = new List<MeteringConflict>();
        foreach (var item in batch)
        {
            if (!first.TryGetValue(item.Event.Id, out var earlier))
            {
                first[item.Event.Id] = item;
                unique.Add(item);
            }
            else if (earlier.Fingerprint == item.Fingerprint)
            {
                duplicates++;
            }
            else
            {
                conflicts.Add(MeteringConflict.Of(item));
            }
        }

        return (unique, new MeteringResult(0, duplicates, conflicts));
    }

    private async Task<MeteringResult> MeterPartitionAsync(string partitionKey, List<(MeterableUsage Usage, string HourRow)> items, CancellationToken ct)
    {
        var (result, unknown) = SeparateKnown(partitionKey, items);
        var (storable, parked) = SeparateUnstorable(partitionKey, unknown);
        result = result.Plus(MeteringResult.Empty with { Parked = parked });
        foreach (var chunk in Chunks(storable))
        {
            result = result.Plus(await MeterChunkAsync(partitionKey, chunk, ct));
        }

        return result;
    }

    /// <summary>
    /// The events this process does not know to be stored; those it does are counted as duplicates (identical) or
    /// conflicts (other content). The list given is left as it is (its hour rows are copied to the rollups afterwards).
    /// </summary>
    private (MeteringResult Known, List<(MeterableUsage Usage, string HourRow)> Unknown) SeparateKnown(
        string partitionKey, List<(MeterableUsage Usage, string HourRow)> items)
    {
        var duplicates = 0;
        var conflicts = new List<MeteringConflict>();
        var unknown = new List<(MeterableUsage Usage, string HourRow)>(items.Count);
        foreach (var item in items)
        {
            if (!storedEvents.TryGetValue((partitionKey, item.Usage.Event.Id), out var fingerprint))
            {
                unknown.Add(item);
            }
            else if (fingerprint == item.Usage.Fingerprint)
            {
                duplicates++;
            }
            else
            {
                conflicts.Add(MeteringConflict.Of(item.Usage));
            }
        }

        return (new MeteringResult(0, duplicates, conflicts), unknown);
    }

    /// <summary>Remembers stored events (those with a fingerprint); the memory is emptied when a chunk would take it past its limit.</summary>
    private void RememberStored(string partitionKey, IReadOnlyCollection<(string EventId, string? Fingerprint)> stored)
    {
        if (storedEvents.Count + stored.Count > StoredEventLimit)
        {
            storedEvents.Clear();
        }

        foreach (var (eventId, fingerprint) in stored)
        {
            if (fingerprint is not null)
            {
                storedEvents[(partitionKey, eventId)] = fingerprint;
            }
        }
    }

    /// <summary>
    /// Chunks whose events, hour rows and distinct markers fit one transaction: at most 100 operations, and at most
    /// <see cref="MaxChunkBodyChars"/> characters of event JSON (a transaction's request stays under 4 MiB).
    /// </summary>
    private static IEnumerable<List<(MeterableUsage Usage, string HourRow)>> Chunks(List<(MeterableUsage Usage, string HourRow)> items)
    {
        var chunk = new List<(MeterableUsage, string)>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var bodyChars = 0L;
        foreach (var item in items)
        {
            var extra = 1 + (rows.Contains(item.HourRow) ? 0 : 1)
                + (item.Usage.Event.DistinctValue is { } d && !rows.Contains(UsageKeys.DistinctPrefix + d) ? 1 : 0);
            if (chunk.Count > 0 && (rows.Count + chunk.Count + extra > MaxActions || bodyChars + item.Usage.Body.Length > MaxChunkBodyChars))
            {
                yield return chunk;
                chunk = [];
                rows.Clear();
                bodyChars = 0;
            }

            chunk.Add(item);
            bodyChars += item.Usage.Body.Length;
            rows.Add(item.HourRow);
            if (item.Usage.Event.DistinctValue is { } distinct)
            {
                rows.Add(UsageKeys.DistinctPrefix + distinct);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>
    /// Writes a chunk, retrying while other writers change its partition (409 on an aggregate, 412). An event that
    /// exists already is read back (<see cref="SeparateStoredAsync"/>). An operation the service refuses for what it
    /// holds (400: a property too large, an entity too large) is parked: the event it names, or the events carrying the
    /// distinct value it names; when the service does not say which, the chunk is split in halves until it does, so
    /// one bad event never keeps the others of its partition from being metered.
    /// </summary>
    private async Task<MeteringResult> MeterChunkAsync(string partitionKey, List<(MeterableUsage Usage, string HourRow)> chunk, CancellationToken ct)
    {
        var duplicates = 0;
        var conflicts = new List<MeteringConflict>();
        var parked = new List<ParkedUsage>();
        var first = true;
        for (var contention = 0; chunk.Count > 0;)
        {
            if (contention >= MaxAttempts)
            {
                throw new InvalidOperationException($"usage partition {partitionKey} kept changing; {chunk.Count} events not metered after {MaxAttempts} attempts");
            }

            // First attempt on a partition this process has not seen: take its hour rows to be new (a sparse
            // meter's partitions mostly are) instead of reading them; if one exists, the insert fails and the
            // next attempt reads them.
            var hours = first && !aggregateCache.ContainsKey(partitionKey)
                ? chunk.Select(c => c.HourRow).Distinct(StringComparer.Ordinal).ToDictionary(h => h, _ => (CachedHour?)null, StringComparer.Ordinal)
                : await CurrentHoursAsync(partitionKey, chunk.Select(c => c.HourRow), ct);
            first = false;
            var (actions, hourRows) = Actions(partitionKey, chunk, hours);
            try
            {
                var results = await usage.SubmitTransactionAsync(actions, ct);
                Remember(partitionKey, hours, hourRows, actions, results);
                RememberStored(partitionKey, chunk.Select(c => (c.Usage.Event.Id, (string?)c.Usage.Fingerprint)).ToList());

                return new MeteringResult(chunk.Count, duplicates, conflicts) { MeteredIds = chunk.Select(c => c.Usage.Event.Id).ToList(), Parked = parked };
            }
            catch (TableTransactionFailedException ex) when (ex.IsPreconditionFailed)
            {
                aggregateCache.TryRemove(partitionKey, out _);
                contention++;
            }
            catch (TableTransactionFailedException ex) when (ex.IsConflict)
            {
                aggregateCache.TryRemove(partitionKey, out _);
                contention++;
                if (ex.FailedActionIndex is { } index && index < chunk.Count)
                {
                    var (dups, refused) = await SeparateStoredAsync(partitionKey, chunk, ct);
                    duplicates += dups;
                    conflicts.AddRange(refused);
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 400)
            {
                var reason = $"refused by Table Storage: {ex.ErrorCode ?? "400"}";
                var faulty = Faulty(chunk, actions, ex.FailedActionIndex);
                if (faulty.Count > 0)
                {
                    parked.AddRange(faulty.Select(f => new ParkedUsage(f.Usage, reason)));
                    chunk.RemoveAll(c => faulty.Contains(c));
                }
                else if (chunk.Count == 1)
                {
                    parked.Add(new ParkedUsage(chunk[0].Usage, reason));
                    chunk.Clear();
                }
                else
                {
                    var half = chunk.Count / 2;
                    var halves = await MeterChunkAsync(partitionKey, chunk[..half], ct);
                    return new MeteringResult(0, duplicates, conflicts) { Parked = parked }
                        .Plus(halves)
                        .Plus(await MeterChunkAsync(partitionKey, chunk[half..], ct));
                }
            }
        }

        return new MeteringResult(0, duplicates, conflicts) { Parked = parked };
    }

    private static (List<TableTransactionAction> Actions, List<string> HourRows) Actions(
        string partitionKey, List<(MeterableUsage Usage, string HourRow)> chunk, IReadOnlyDictionary<string, CachedHour?> hours)
    {
        var actions = new List<TableTransactionAction>(MaxActions);
        var totals = new Dictionary<string, HourlyUsage>(StringComparer.Ordinal);
        var markers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, hourRow) in chunk)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, UsageRows.Event(partitionKey, item)));
            totals[hourRow] = totals.GetValueOrDefault(hourRow, hours.GetValueOrDefault(hourRow)?.Usage ?? HourlyUsage.None).Add(item);
            if (item.Event.DistinctValue is { } distinct)
            {
                markers.Add(distinct);
            }
        }

        var hourRows = totals.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var hourRow in hourRows)
        {
            var row = UsageRows.Hour(partitionKey, hourRow, totals[hourRow]);
            actions.Add(hours.TryGetValue(hourRow, out var current) && current is not null
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        foreach (var marker in markers.Order(StringComparer.Ordinal))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partitionKey, UsageKeys.DistinctRow(partitionKey, marker)) { ["Value"] = marker }));
        }

        return (actions, hourRows);
    }

    /// <summary>Reads back the chunk's events that already exist: identical ones are duplicates, others conflicts. Removes both from the chunk.</summary>
    private async Task<(int Duplicates, List<MeteringConflict> Conflicts)> SeparateStoredAsync(
        string partitionKey, List<(MeterableUsage Usage, string HourRow)> chunk, CancellationToken ct)
    {
        var duplicates = 0;
        var conflicts = new List<MeteringConflict>();
        var stored = new string?[chunk.Count];
        await Parallel.ForAsync(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var existing = await usage.GetEntityIfExistsAsync(partitionKey, UsageKeys.EventRow(chunk[i].Usage.Event.Id), token);
            if (existing is null)
            {
                return;
            }

            stored[i] = existing.GetString("Fingerprint") ?? string.Empty;
            if (stored[i] == chunk[i].Usage.Fingerprint)
            {
                Interlocked.Increment(ref duplicates);
            }
            else
            {
                lock (conflicts)
                {
                    conflicts.Add(MeteringConflict.Of(chunk[i].Usage));
                }
            }
        });
        RememberStored(partitionKey, chunk.Select((c, i) => (c.Usage.Event.Id, stored[i])).Where(s => s.Item2 is { Length: > 0 }).ToList());
        var kept = chunk.Where((_, i) => stored[i] is null).ToList();
        chunk.Clear();
        chunk.AddRange(kept);
        return (duplicates, conflicts);
    }

    /// <summary>
    /// The current aggregate rows of the hours the chunk touches: from the cache, else read one by one (point reads:
    /// the cheapest read the Table service has, and the one Azurite answers from its key index rather than by
    /// scanning the table). A missing row is remembered as absent (null), so the chunk inserts it.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, CachedHour?>> CurrentHoursAsync(string partitionKey, IEnumerable<string> hourRows, CancellationToken ct)
    {
        aggregateCache.TryGetValue(partitionKey, out var cached);
        var missing = hourRows.Distinct(StringComparer.Ordinal).Where(h => cached is null || !cached.ContainsKey(h)).ToList();
        if (missing.Count == 0)
        {
            return cached!;
        }

        var hours = cached is null
            ? new ConcurrentDictionary<string, CachedHour?>(StringComparer.Ordinal)
            : new ConcurrentDictionary<string, CachedHour?>(cached, StringComparer.Ordinal);
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (hourRow, token) =>
        {
            TableEntity? row = null;
            try
            {
                row = await usage.GetEntityIfExistsAsync(partitionKey, hourRow, token);
            }
            catch (StorageRequestFailedException ex) when (ex.IsNotFound)
            {
                // The table is created at start-up; a missing one reads as no usage yet.
            }

            hours[hourRow] = row is null ? null : new CachedHour(row.ETag, UsageRows.ReadHour(row));
        });
        return new Dictionary<string, CachedHour?>(hours, StringComparer.Ordinal);
    }

    private void Remember(
        string partitionKey,
        IReadOnlyDictionary<string, CachedHour?> before,
        List<string> hourRows,
        List<TableTransactionAction> actions,
        IReadOnlyList<TableTransactionResult> results)
    {
        if (aggregateCache.Count > CacheLimit)
        {
            aggregateCache.Clear();
        }

        var after = new Dictionary<string, CachedHour?>(before, StringComparer.Ordinal);
        var firstHour = actions.Count - hourRows.Count - actions.Count(a => a.ActionType == TableTransactionActionType.UpsertReplace);
        for (var i = 0; i < hourRows.Count; i++)
        {
            var action = actions[firstHour + i];
            var etag = results.Count == actions.Count ? results[firstHour + i].ETag : default;
            if (etag == default)
            {
                aggregateCache.TryRemove(partitionKey, out _);
                return;
            }

            after[hourRows[i]] = new CachedHour(etag, UsageRows.ReadHour(action.Entity));
        }

        aggregateCache[partitionKey] = after;
    }

    private sealed record CachedHour(ETag ETag, HourlyUsage Usage);
}
