using System.Globalization;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Collections;

/// <summary>
/// The customers' timelines (table <c>timeline</c>, PartitionKey the customer, RowKey the instant's ticks, action,
/// period and pack, scoped to the customer (<see cref="ScopedRowKey"/>: customers share instants). An entry is
/// recorded (an insert, so once), then acted on, then marked done; an entry found
/// recorded but not done (a crash between) is acted on again, so every action needs to be idempotent.
/// </summary>
public sealed class TimelineStore(ITableClient table)
{
    /// <summary>Records the entry; answers whether it still needs acting on (new, or recorded but not marked done).</summary>
    public async Task<bool> RecordAsync(StoredTimelineEntry entry, CancellationToken ct = default)
    {
        var row = new TableEntity(KeyEscaping.Escape(entry.Customer), RowKey(entry))
        {
            ["Customer"] = entry.Customer,
            ["At"] = entry.At,
            ["Action"] = entry.Action,
            ["Cause"] = entry.Cause,
        };
        if (entry.Period is not null)
        {
            row["Period"] = entry.Period;
        }

        if (entry.Pack is not null)
        {
            row["Pack"] = entry.Pack;
        }

        if (entry.Detail is not null)
        {
            row["Detail"] = entry.Detail;
        }

        try
        {
            await table.AddEntityAsync(row, ct);
            return true;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            var existing = await table.GetEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: ct);
            return existing.GetBoolean("Done") != true;
        }
    }

    /// <summary>Replaces the entry's readable detail (e.g. where its backup was written).</summary>
    public async Task SetDetailAsync(StoredTimelineEntry entry, string detail, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(new TableEntity(KeyEscaping.Escape(entry.Customer), RowKey(entry)) { ["Detail"] = detail }, TableUpdateMode.Merge, ct);

    /// <summary>Marks the entry's action carried out.</summary>
    public async Task MarkDoneAsync(StoredTimelineEntry entry, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(new TableEntity(KeyEscaping.Escape(entry.Customer), RowKey(entry)) { ["Done"] = true }, TableUpdateMode.Merge, ct);

    /// <summary>The customer's timeline in time order.</summary>
    public async Task<IReadOnlyList<StoredTimelineEntry>> ForCustomerAsync(string customer, CancellationToken ct = default)
    {
        var entries = new List<StoredTimelineEntry>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(customer)}"), cancellationToken: ct))
        {
            entries.Add(new StoredTimelineEntry(
                row.GetString("Customer") ?? customer,
                row.GetDateTimeOffset("At") ?? default,
                row.GetString("Action") ?? string.Empty,
                row.GetString("Period"),
                row.GetString("Pack"),
                row.GetString("Cause") ?? string.Empty,
                row.GetString("Detail")));
        }

        return entries;
    }

    private static string RowKey(StoredTimelineEntry entry) => ScopedRowKey.Of(
        KeyEscaping.Escape(string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}|{entry.Action}|{entry.Period ?? "-"}|{entry.Pack ?? "-"}")),
        KeyEscaping.Escape(entry.Customer));
}
