using Billing.Storage.Http;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Customers;

/// <summary>
/// Customers in the <c>customers</c> table (PartitionKey <c>customer</c>, RowKey the escaped id). Creating is an
/// insert, so two concurrent creators of one id cannot both get a portal key; updating keeps the key. Every create
/// or update then writes a new directory stamp (PartitionKey <c>directory</c>, RowKey <c>stamp</c>), so a reader that
/// keeps the whole listing can tell, with one point read, whether any customer may have changed since it listed.
/// </summary>
public sealed class CustomerStore(ITableClient table)
{
    private const string Partition = "customer";
    private const string StampPartition = "directory";
    private const string StampRow = "stamp";

    /// <summary>
    /// The directory stamp: a new value after each customer create or update (written after the customer, so a reader
    /// that reads the stamp before listing sees every write older than the stamp it read); null before the first write.
    /// </summary>
    public async Task<string?> StampAsync(CancellationToken ct = default) =>
        (await table.GetEntityIfExistsAsync(StampPartition, StampRow, ct))?.GetString("Stamp");

    public async Task<CustomerRecord?> GetAsync(string id, CancellationToken ct = default)
    {
        var row = await table.GetEntityIfExistsAsync(Partition, KeyEscaping.Escape(id), ct);
        return row is null ? null : Read(row);
    }

    public async Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken ct = default)
    {
        var customers = new List<CustomerRecord>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            customers.Add(Read(row));
        }

        return customers;
    }

    /// <summary>
    /// One page of customers in id order (escaped-id order), at most <paramref name="pageSize"/>, from the position
    /// <paramref name="continuationToken"/> names (null: the first); the token of the next page is null after the last.
    /// </summary>
    public async Task<(IReadOnlyList<CustomerRecord> Customers, string? ContinuationToken)> PageAsync(string? continuationToken, int pageSize, CancellationToken ct = default)
    {
        var (rows, next) = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {Partition}"), pageSize, cancellationToken: ct).PageAsync(continuationToken, pageSize);
        return ([.. rows.Select(Read)], next);
    }

    /// <summary>Creates the customer; false when the id exists already (nothing is changed then).</summary>
    public async Task<bool> TryCreateAsync(CustomerRecord customer, CancellationToken ct = default)
    {
        bool created;
        try
        {
            await table.AddEntityAsync(Row(customer), ct);
            created = true;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            created = false;
        }

        // Also when the id existed: a retried create whose first attempt stopped before its stamp stamps now.
        await StampChangedAsync(ct);
        return created;
    }

    /// <summary>
    /// Replaces the document of <paramref name="read"/> (a customer as <see cref="GetAsync"/> read it), keeping its portal
    /// key and creation time, unless the customer was written since that reading: false then, and nothing is changed (read
    /// again and redo the change), so two concurrent read-change-writes never lose one of the changes.
    /// </summary>
    public async Task<bool> TryUpdateAsync(CustomerRecord read, string json, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            await table.UpdateEntityAsync(Row(read with { Json = json, UpdatedAt = now }), read.ETag, TableUpdateMode.Replace, ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return false;
        }

        await StampChangedAsync(ct);
        return true;
    }

    private Task StampChangedAsync(CancellationToken ct) =>
        table.UpsertEntityAsync(new TableEntity(StampPartition, StampRow) { ["Stamp"] = Guid.NewGuid().ToString("N") }, TableUpdateMode.Replace, ct);

    private static TableEntity Row(CustomerRecord customer) => new(Partition, KeyEscaping.Escape(customer.Id))
    {
        ["Id"] = customer.Id,
        ["Json"] = customer.Json,
        ["PortalKeyDigest"] = customer.PortalKeyDigest,
        ["CreatedAt"] = customer.CreatedAt,
        ["UpdatedAt"] = customer.UpdatedAt,
    };

    private static CustomerRecord Read(TableEntity row) => new(
        row.GetString("Id") ?? KeyEscaping.Unescape(row.RowKey),
        row.GetString("Json") ?? "{}",
        row.GetBinary("PortalKeyDigest") ?? [],
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default)
    {
        ETag = row.ETag,
    };
}
