using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Invoicing;

/// <summary>
/// Gapless invoice sequences per issuer and year (table <c>invoicenumbers</c>, PartitionKey <c>{issuer}|{year}</c>).
/// A counter row holds the next number; each allocation is a claim row keyed by the invoice it numbers.
/// Taking numbers moves the counter (ETag-guarded) and inserts the claims in one entity group transaction,
/// so a number is never lost or given twice, and asking again for the same invoice returns its number.
/// <para>
/// Allocations that arrive while a transaction is in flight are committed together in the next one (up to
/// 99 claims with the counter; group commit), so a settlement run numbering thousands of invoices moves the
/// counter a few dozen times instead of once per invoice, and mostly without reading it first: the counter's
/// ETag from the last commit is kept. Another host moving it (412) makes the group read it again; a claim that
/// already exists (409, the invoice was numbered before) makes the group look up its claims, and those found
/// leave it with their numbers.
/// </para>
/// </summary>
public sealed class InvoiceNumberAllocator(ITableClient table)
{
    private const string CounterRow = "counter";
    private const int MaxAttempts = 50;
    private const int MaxClaims = 99;
    private readonly ConcurrentDictionary<string, Lane> lanes = new(StringComparer.Ordinal);

    public async Task<long> AllocateAsync(string issuer, int year, string invoiceKey, CancellationToken ct = default)
    {
        var partition = PartitionOf(issuer, year);
        var lane = lanes.GetOrAdd(partition, _ => new Lane());
        var request = new Request(ClaimRow(invoiceKey), invoiceKey);
        lane.Pending.Enqueue(request);
        while (!request.Number.Task.IsCompleted)
        {
            await lane.Gate.WaitAsync(ct);
            try
            {
                if (request.Number.Task.IsCompleted)
                {
                    break;
                }

                var group = new List<Request>();
                while (group.Count < MaxClaims && lane.Pending.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                // Not cancelled with this caller: the group holds other callers' requests too.
                await CommitAsync(partition, lane, group, CancellationToken.None);
            }
            finally
            {
                lane.Gate.Release();
            }
        }

        return await request.Number.Task;
    }

    /// <summary>The number already allocated to the invoice, or null.</summary>
    public async Task<long?> FindAsync(string issuer, int year, string invoiceKey, CancellationToken ct = default)
    {
        var claim = await table.GetEntityIfExistsAsync(PartitionOf(issuer, year), ClaimRow(invoiceKey), ct);
        return claim?.GetInt64("Number");
    }

    /// <summary>Numbers the group (each request completed with its number or with the failure).</summary>
    private async Task CommitAsync(string partition, Lane lane, List<Request> group, CancellationToken ct)
    {
        try
        {
            // Two requests for one invoice in the same group share its claim.
            var claims = group.GroupBy(r => r.ClaimRow, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
            for (var attempt = 0; attempt < MaxAttempts && claims.Count > 0; attempt++)
            {
                lane.Counter ??= await ReadCounterAsync(partition, ct);
                var first = lane.Counter.Value.Next;
                var counter = new TableEntity(partition, CounterRow) { ["Next"] = first + claims.Count };
                var actions = new List<TableTransactionAction>(claims.Count + 1)
                {
                    lane.Counter.Value.ETag == default
                        ? new(TableTransactionActionType.Add, counter)
                        : new(TableTransactionActionType.UpdateReplace, counter, lane.Counter.Value.ETag),
                };
                actions.AddRange(claims.Select((c, i) => new TableTransactionAction(
                    TableTransactionActionType.Add,
                    new TableEntity(partition, c[0].ClaimRow) { ["Number"] = first + i, ["Invoice"] = c[0].InvoiceKey })));
                try
                {
                    var results = await table.SubmitTransactionAsync(actions, ct);
                    lane.Counter = results.Count > 0 && results[0].ETag != default ? (results[0].ETag, first + claims.Count) : null;
                    for (var i = 0; i < claims.Count; i++)
                    {
                        claims[i].ForEach(r => r.Number.TrySetResult(first + i));
                    }

                    return;
                }
                catch (TableTransactionFailedException ex) when (ex.FailedActionIndex is > 0 && ex.IsConflict)
                {
                    // An invoice of the group was numbered before (a retried settlement, or another host): its claim
                    // stands. Where one is, others often are too, so every claim of the group is looked up.
                    var existing = await Task.WhenAll(claims.Select(c => table.GetEntityIfExistsAsync(partition, c[0].ClaimRow, ct)));
                    for (var i = claims.Count - 1; i >= 0; i--)
                    {
                        if (existing[i]?.GetInt64("Number") is { } number)
                        {
                            claims[i].ForEach(r => r.Number.TrySetResult(number));
                            claims.RemoveAt(i);
                        }
                    }
                }
                catch (TableTransactionFailedException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
                {
                    // Another host moved (or created) the counter: read it again.
                    lane.Counter = null;
                }
            }

            if (claims.Count > 0)
            {
                throw new InvalidOperationException($"could not allocate invoice numbers in {partition} after {MaxAttempts} attempts");
            }
        }
        catch (Exception ex)
        {
            lane.Counter = null;
            group.ForEach(r => r.Number.TrySetException(ex));
        }
    }

    private async Task<(ETag ETag, long Next)> ReadCounterAsync(string partition, CancellationToken ct)
    {
        var counter = await table.GetEntityIfExistsAsync(partition, CounterRow, ct);
        return counter is null ? (default, 1) : (counter.ETag, counter.GetInt64("Next") ?? 1);
    }

    private static string PartitionOf(string issuer, int year) => KeyEscaping.Escape(issuer) + "|" + year.ToString("D4", CultureInfo.InvariantCulture);

    private static string ClaimRow(string invoiceKey) => "claim|" + KeyEscaping.Escape(invoiceKey);

    private sealed record Request(string ClaimRow, string InvoiceKey)
    {
        public TaskCompletionSource<long> Number { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ConcurrentQueue<Request> Pending { get; } = new();

        /// <summary>The counter as the last commit left it (ETag and next number), or null to read it.</summary>
        public (ETag ETag, long Next)? Counter { get; set; }
    }
}
