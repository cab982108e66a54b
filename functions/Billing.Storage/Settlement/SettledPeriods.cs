using System.Collections.Concurrent;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Settlement;

/// <summary>
/// Which billing periods of which invoiced customers are settled (table <c>settledperiods</c>, PartitionKey the
/// customer, RowKey <c>{period}~{customer}</c>, see <see cref="ScopedRowKey"/>). Usage metered for a settled period is late: it is kept apart and
/// invoiced on the next invoice. A period once settled stays settled, so positive answers are cached.
/// </summary>
public sealed class SettledPeriods(ITableClient table)
{
    private readonly ConcurrentDictionary<(string Customer, string Period), bool> settled = new();

    public async Task<bool> IsSettledAsync(string customer, string period, CancellationToken ct = default)
    {
        if (settled.ContainsKey((customer, period)))
        {
            return true;
        }

        try
        {
            var row = await table.GetEntityIfExistsAsync(KeyEscaping.Escape(customer), RowKey(customer, period), ct);
            if (row is null)
            {
                return false;
            }
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            return false;
        }

        settled[(customer, period)] = true;
        return true;
    }

    /// <summary>Records the period as settled at the instant (idempotent: the first record wins).</summary>
    public async Task MarkSettledAsync(string customer, string period, DateTimeOffset at, CancellationToken ct = default)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(KeyEscaping.Escape(customer), RowKey(customer, period)) { ["SettledAt"] = at }, ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            // Already settled: the first settlement's instant stands.
        }

        settled[(customer, period)] = true;
    }

    private static string RowKey(string customer, string period) => ScopedRowKey.Of(period, KeyEscaping.Escape(customer));
}
