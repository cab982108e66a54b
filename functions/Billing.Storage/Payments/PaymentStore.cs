using Billing.Domain.Payments;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Payments;

/// <summary>
/// Payments and write-offs in the <c>payments</c> table (PartitionKey the paying customer, RowKey the payment id).
/// Recording is an insert keyed by the payment id, so a payment delivered twice is applied once; the same id
/// with a different amount, time or period is refused. The row also notes when the payment's receipt was emailed.
/// </summary>
public sealed class PaymentStore(ITableClient table)
{
    private const string ReceiptSentAt = "ReceiptSentAt";

    /// <summary>Records the payment: <see cref="PaymentRecording.Recorded"/>, <see cref="PaymentRecording.Repeated"/> (identical, ignored) or <see cref="PaymentRecording.Conflicting"/>.</summary>
    public async Task<PaymentRecording> RecordAsync(Payment payment, CancellationToken ct = default)
    {
        try
        {
            await table.AddEntityAsync(Row(payment), ct);
            return PaymentRecording.Recorded;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            var existing = await table.GetEntityAsync(KeyEscaping.Escape(payment.Customer), KeyEscaping.Escape(payment.Id), cancellationToken: ct);
            return Read(existing) == payment ? PaymentRecording.Repeated : PaymentRecording.Conflicting;
        }
    }

    /// <summary>Whether the payment's receipt has been sent (see <see cref="MarkReceiptSentAsync"/>).</summary>
    public async Task<bool> ReceiptSentAsync(Payment payment, CancellationToken ct = default) =>
        (await table.GetEntityIfExistsAsync(KeyEscaping.Escape(payment.Customer), KeyEscaping.Escape(payment.Id), ct))?.GetDateTimeOffset(ReceiptSentAt) is not null;

    /// <summary>Notes on the payment's row that its receipt was sent, so a repeated delivery of the payment sends none.</summary>
    public async Task MarkReceiptSentAsync(Payment payment, DateTimeOffset at, CancellationToken ct = default) =>
        await table.UpdateEntityAsync(new TableEntity(KeyEscaping.Escape(payment.Customer), KeyEscaping.Escape(payment.Id)) { [ReceiptSentAt] = at }, Azure.ETag.All, TableUpdateMode.Merge, ct);

    /// <summary>The customer's payments, in time order.</summary>
    public async Task<IReadOnlyList<Payment>> ForCustomerAsync(string customer, CancellationToken ct = default)
    {
        var payments = new List<Payment>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(customer)}"), cancellationToken: ct))
        {
            payments.Add(Read(row));
        }

        return payments.OrderBy(p => p.At).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    private static TableEntity Row(Payment payment)
    {
        var row = new TableEntity(KeyEscaping.Escape(payment.Customer), KeyEscaping.Escape(payment.Id))
        {
            ["Id"] = payment.Id,
            ["Customer"] = payment.Customer,
            ["At"] = payment.At,
            ["Amount"] = payment.Amount,
        };
        if (payment.Period is not null)
        {
            row["Period"] = payment.Period;
        }

        return row;
    }

    private static Payment Read(TableEntity row) => new(
        row.GetString("Id") ?? string.Empty,
        row.GetString("Customer") ?? string.Empty,
        row.GetDateTimeOffset("At") ?? default,
        row.GetDecimal("Amount") ?? 0m,
        row.GetString("Period"));
}

/// <summary>What recording a payment did.</summary>
public enum PaymentRecording
{
    Recorded,
    Repeated,
    Conflicting,
}
