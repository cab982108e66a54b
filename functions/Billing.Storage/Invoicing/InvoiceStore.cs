using Billing.Storage.Http;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Invoicing;

/// <summary>
/// The invoice index (table <c>invoices</c>): one row per customer and invoice key (RowKey <c>{key}~{customer}</c>,
/// see <see cref="ScopedRowKey"/>), plus a row per number
/// (PartitionKey <c>number</c>) to find an invoice by its number. Issuing inserts both in order (number row first,
/// then the customer row), and re-issuing the same invoice is a no-op, so a retried settlement stores it once.
/// Payment standing (paid, status) is updated in place as payments arrive.
/// </summary>
public sealed class InvoiceStore(ITableClient table)
{
    private const string NumberPartition = "number";

    /// <summary>Stores the invoice unless it is already stored (by customer and key); returns the stored one.</summary>
    public async Task<StoredInvoice> IssueAsync(StoredInvoice invoice, CancellationToken ct = default)
    {
        await AddIfAbsentAsync(new TableEntity(NumberPartition, KeyEscaping.Escape(invoice.Number)) { ["Customer"] = invoice.Customer, ["Key"] = invoice.Key }, ct);
        return await AddIfAbsentAsync(Row(invoice), ct) ? invoice : await GetAsync(invoice.Customer, invoice.Key, ct) ?? invoice;
    }

    public async Task<StoredInvoice?> GetAsync(string customer, string key, CancellationToken ct = default)
    {
        var row = await table.GetEntityIfExistsAsync(KeyEscaping.Escape(customer), RowKey(customer, key), ct);
        return row is null ? null : Read(row);
    }

    public async Task<StoredInvoice?> ByNumberAsync(string number, CancellationToken ct = default)
    {
        var index = await table.GetEntityIfExistsAsync(NumberPartition, KeyEscaping.Escape(number), ct);
        return index is null ? null : await GetAsync(index.GetString("Customer")!, index.GetString("Key")!, ct);
    }

    /// <summary>The customer's invoices by issue time.</summary>
    public async Task<IReadOnlyList<StoredInvoice>> ForCustomerAsync(string customer, CancellationToken ct = default) =>
        (await QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(customer)}"), ct))
            .OrderBy(i => i.IssuedAt).ThenBy(i => i.Number, StringComparer.Ordinal).ToList();

    /// <summary>Every customer's unpaid invoices of a kind, in one query.</summary>
    public Task<List<StoredInvoice>> UnpaidAsync(string kind, CancellationToken ct = default) =>
        QueryAsync(TableFilter.Create($"PartitionKey ne {NumberPartition} and Kind eq {kind} and Status ne {"paid"}"), ct);

    /// <summary>
    /// One page of every customer's invoices (by customer, then key), at most <paramref name="pageSize"/>, optionally
    /// only those of one status and issued in [<paramref name="issuedFrom"/>, <paramref name="issuedTo"/>), from the
    /// position <paramref name="continuationToken"/> names (null: the first). The service may answer a short or empty
    /// page before the last; the next page's token is null only after the last.
    /// </summary>
    public async Task<(IReadOnlyList<StoredInvoice> Invoices, string? ContinuationToken)> PageAsync(
        string? status, DateTimeOffset? issuedFrom, DateTimeOffset? issuedTo, string? continuationToken, int pageSize, CancellationToken ct = default)
    {
        var filter = TableFilter.Create($"PartitionKey ne {NumberPartition}");
        if (status is not null)
        {
            filter += " and " + TableFilter.Create($"Status eq {status}");
        }

        if (issuedFrom is { } from)
        {
            filter += " and " + TableFilter.Create($"IssuedAt ge {from}");
        }

        if (issuedTo is { } to)
        {
            filter += " and " + TableFilter.Create($"IssuedAt lt {to}");
        }

        var (rows, next) = await table.QueryAsync(filter, pageSize, cancellationToken: ct).PageAsync(continuationToken, pageSize);
        return ([.. rows.Select(Read)], next);
    }

    /// <summary>Sets what has been paid and the status (and the JSON carrying them).</summary>
    public async Task UpdateStandingAsync(StoredInvoice invoice, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(Row(invoice), TableUpdateMode.Replace, ct);

    /// <summary>Records that the dunning of the invoice has been told it is paid (<see cref="StoredInvoice.PaidNoticePending"/>).</summary>
    public async Task ClearPaidNoticeAsync(string customer, string key, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(new TableEntity(KeyEscaping.Escape(customer), RowKey(customer, key)) { ["PaidNoticePending"] = false }, TableUpdateMode.Merge, ct);

    /// <summary>Records that the invoice was rendered, stored and emailed.</summary>
    public async Task MarkDeliveredAsync(string customer, string key, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(new TableEntity(KeyEscaping.Escape(customer), RowKey(customer, key)) { ["Delivered"] = true }, TableUpdateMode.Merge, ct);

    /// <summary>Inserts the row; false when it already existed (issued before, by a retried settlement: the first write stands).</summary>
    private async Task<bool> AddIfAbsentAsync(TableEntity row, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(row, ct);
            return true;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            return false;
        }
    }

    private static TableEntity Row(StoredInvoice invoice)
    {
        var row = new TableEntity(KeyEscaping.Escape(invoice.Customer), RowKey(invoice.Customer, invoice.Key))
        {
            ["Customer"] = invoice.Customer,
            ["Key"] = invoice.Key,
            ["Number"] = invoice.Number,
            ["Kind"] = invoice.Kind,
            ["IssuedAt"] = invoice.IssuedAt,
            ["DueAt"] = invoice.DueAt,
            ["Currency"] = invoice.Currency,
            ["Total"] = invoice.Total,
            ["Paid"] = invoice.Paid,
            ["Status"] = invoice.Status,
            ["Json"] = invoice.Json,
            ["Delivered"] = invoice.Delivered,
            ["PaidNoticePending"] = invoice.PaidNoticePending,
        };
        if (invoice.Period is not null)
        {
            row["Period"] = invoice.Period;
        }

        return row;
    }

    private async Task<List<StoredInvoice>> QueryAsync(string filter, CancellationToken ct)
    {
        var invoices = new List<StoredInvoice>();
        await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
        {
            invoices.Add(Read(row));
        }

        return invoices;
    }

    private static string RowKey(string customer, string key) => ScopedRowKey.Of(KeyEscaping.Escape(key), KeyEscaping.Escape(customer));

    private static StoredInvoice Read(TableEntity row) => new(
        row.GetString("Customer") ?? string.Empty,
        row.GetString("Key") ?? string.Empty,
        row.GetString("Number") ?? string.Empty,
        row.GetString("Kind") ?? string.Empty,
        row.GetString("Period"),
        row.GetDateTimeOffset("IssuedAt") ?? default,
        row.GetDateTimeOffset("DueAt") ?? default,
        row.GetString("Currency") ?? string.Empty,
        row.GetDecimal("Total") ?? 0m,
        row.GetDecimal("Paid") ?? 0m,
        row.GetString("Status") ?? "open",
        row.GetString("Json") ?? "{}",
        row.GetBoolean("Delivered") ?? false,
        row.GetBoolean("PaidNoticePending") ?? false);
}
