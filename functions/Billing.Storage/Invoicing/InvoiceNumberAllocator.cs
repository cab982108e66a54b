using System.Globalization;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Invoicing;

/// <summary>
/// Gapless invoice sequences per issuer and year (table <c>invoicenumbers</c>, PartitionKey <c>{issuer}|{year}</c>).
/// A counter row holds the next number; each allocation is a claim row keyed by the invoice it numbers.
/// Taking a number moves the counter (ETag-guarded) and inserts the claim in one entity group transaction,
/// so a number is never lost or given twice, and asking again for the same invoice returns its number.
/// </summary>
public sealed class InvoiceNumberAllocator(ITableClient table)
{
    private const string CounterRow = "counter";
    private const int MaxAttempts = 50;

    public async Task<long> AllocateAsync(string issuer, int year, string invoiceKey, CancellationToken ct = default)
    {
        var partition = KeyEscaping.Escape(issuer) + "|" + year.ToString("D4", CultureInfo.InvariantCulture);
        var claimRow = "claim|" + KeyEscaping.Escape(invoiceKey);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await table.GetEntityIfExistsAsync(partition, claimRow, ct) is { } claimed)
            {
                return claimed.GetInt64("Number") ?? throw new InvalidDataException($"claim {claimRow} has no number");
            }

            var counter = await table.GetEntityIfExistsAsync(partition, CounterRow, ct);
            var number = counter?.GetInt64("Next") ?? 1;
            var next = new TableEntity(partition, CounterRow) { ["Next"] = number + 1 };
            var claim = new TableEntity(partition, claimRow) { ["Number"] = number, ["Invoice"] = invoiceKey };
            TableTransactionAction[] actions = counter is null
                ? [new(TableTransactionActionType.Add, next), new(TableTransactionActionType.Add, claim)]
                : [new(TableTransactionActionType.UpdateReplace, next, counter.ETag), new(TableTransactionActionType.Add, claim)];
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return number;
            }
            catch (TableTransactionFailedException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
            {
                // Another allocation moved the counter, or another worker claimed this invoice: read again.
            }
        }

        throw new InvalidOperationException($"could not allocate an invoice number for {invoiceKey} after {MaxAttempts} attempts");
    }

    /// <summary>The number already allocated to the invoice, or null.</summary>
    public async Task<long?> FindAsync(string issuer, int year, string invoiceKey, CancellationToken ct = default)
    {
        var partition = KeyEscaping.Escape(issuer) + "|" + year.ToString("D4", CultureInfo.InvariantCulture);
        var claim = await table.GetEntityIfExistsAsync(partition, "claim|" + KeyEscaping.Escape(invoiceKey), ct);
        return claim?.GetInt64("Number");
    }
}
