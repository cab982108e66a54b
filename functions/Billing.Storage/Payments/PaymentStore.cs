using Billing.Domain.Payments;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Payments;

/// <summary>
/// Payments and write-offs in the <c>payments</c> table (PartitionKey the paying customer, RowKey the payment id).
/// Recording is an insert keyed by the payment id, so a payment delivered twice is applied once; the same id
/// with a different amount, time or period is refused. The row also notes when it was recorded, whether its follow-up
/// (the <c>payment.recorded</c> event and the receipt) is still to be done, and when the receipt was emailed. A row
/// written before follow-ups were noted has none pending.
/// </summary>
public sealed class PaymentStore(ITableClient table)
{
    private const string ReceiptSentAt = "ReceiptSentAt";
    private const string RecordedAt = "RecordedAt";
    private const string FollowUpPending = "FollowUpPending";

    /// <summary>
    /// Records the payment at <paramref name="recordedAt"/> with its follow-up pending: <see cref="PaymentRecording.Recorded"/>,
    /// <see cref="PaymentRecording.Repeated"/> (identical, ignored) or <see cref="PaymentRecording.Conflicting"/>.
    /// </summary>
    public async Task<PaymentRecording> RecordAsync(Payment payment, DateTimeOffset recordedAt, CancellationToken ct = default)
    {
        try
        {
            var row = Row(payment);
            row[RecordedAt] = recordedAt;
            row[FollowUpPending] = true;
            await table.AddEntityAsync(row, ct);
            return PaymentRecording.Recorded;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            var existing = await table.GetEntityAsync(KeyEscaping.Escape(payment.Customer), KeyEscaping.Escape(payment.Id), cancellationToken: ct);
            return Read(existing) == payment ? PaymentRecording.Repeated : PaymentRecording.Conflicting;
        }
    }

    /// <summary>The customer's payment <paramref name="id"/> as recorded; null when none is.</summary>
    public async Task<Payment?> FindAsync(string customer, string id, CancellationToken ct = default) =>
        await table.GetEntityIfExistsAsync(KeyEscaping.Escape(customer), KeyEscaping.Escape(id), ct) is { } row ? Read(row) : null;

    /// <summary>Whether the payment's receipt has been sent (see <see cref="MarkFollowedUpAsync"/>).</summary>
    public async Task<bool> ReceiptSentAsync(Payment payment, CancellationToken ct = default) =>
        (await table.GetEntityIfExistsAsync(KeyEscaping.Escape(payment.Customer), KeyEscaping.Escape(payment.Id), ct))?.GetDateTimeOffset(ReceiptSentAt) is not null;

    /// <summary>
    /// Notes on the payment's row that its follow-up is done, and when its receipt was sent (null: none was, the payer has
    /// no email address), so a repeated delivery of the payment sends none and no settlement follows it up again.
    /// </summary>
    public async Task MarkFollowedUpAsync(Payment payment, DateTimeOffset? receiptSentAt, CancellationToken ct = default)
    {
        var row = new TableEntity(KeyEscaping.Escape(payment.Customer), KeyEscaping.Escape(payment.Id)) { [FollowUpPending] = false };
        if (receiptSentAt is { } sent)
        {
            row[ReceiptSentAt] = sent;
        }

        await table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Merge, ct);
    }

    /// <summary>The customer's payments, in time order.</summary>
    public async Task<IReadOnlyList<Payment>> ForCustomerAsync(string customer, CancellationToken ct = default) =>
        (await WithFollowUpsAsync(customer, ct)).Payments;

    /// <summary>The customer's payments, in time order, and those whose follow-up is still pending (one query).</summary>
    public async Task<CustomerPayments> WithFollowUpsAsync(string customer, CancellationToken ct = default)
    {
        var payments = new List<Payment>();
        var pending = new List<PendingFollowUp>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(customer)}"), cancellationToken: ct))
        {
            var payment = Read(row);
            payments.Add(payment);
            if (row.GetBoolean(FollowUpPending) == true)
            {
                pending.Add(new PendingFollowUp(payment, row.GetDateTimeOffset(RecordedAt) ?? payment.At));
            }
        }

        return new CustomerPayments(
            [.. payments.OrderBy(p => p.At).ThenBy(p => p.Id, StringComparer.Ordinal)],
            [.. pending.OrderBy(p => p.RecordedAt).ThenBy(p => p.Payment.Id, StringComparer.Ordinal)]);
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
