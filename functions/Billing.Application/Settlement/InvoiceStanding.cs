using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Domain.Invoicing;
using Billing.Domain.Payments;
using Billing.Storage.Invoicing;

namespace Billing.Application.Settlement;

/// <summary>
/// What has been paid on each issued invoice, kept in the invoice index. A usage invoice that becomes paid is marked
/// <see cref="StoredInvoice.PaidNoticePending"/> in the same write.
/// </summary>
public sealed class InvoiceStanding(InvoiceStore invoices)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Sets each stored invoice's paid amount and status from the stored invoices (their totals as issued) and the
    /// payments, applied in time order by the engine's payment rules (<see cref="PaymentLedger"/>): issued
    /// invoices never change, whatever catalog version a replay would use today. Takes the customer's stored
    /// invoices; returns them as refreshed, by issue time.
    /// </summary>
    public async Task<IReadOnlyList<StoredInvoice>> RefreshAsync(string customerId, IReadOnlyList<StoredInvoice> invoicesOfCustomer, IReadOnlyList<Payment> accountPayments, DateTimeOffset now, CancellationToken ct)
    {
        var stored = invoicesOfCustomer.OrderBy(i => i.IssuedAt).ThenBy(i => i.Number, StringComparer.Ordinal).ToList();
        var ledger = new PaymentLedger();
        var byKey = new Dictionary<string, Receivable>(StringComparer.Ordinal);
        var happenings = stored
            .Select(i => (At: i.IssuedAt, Rank: i.Kind == "prepaid" ? 1 : 2, Invoice: (StoredInvoice?)i, Payment: (Payment?)null))
            .Concat(accountPayments.Where(p => p.At <= now).Select(p => (At: p.At, Rank: 4, Invoice: (StoredInvoice?)null, Payment: (Payment?)p)))
            .OrderBy(h => h.At)
            .ThenBy(h => h.Rank);
        foreach (var (_, _, invoice, payment) in happenings)
        {
            if (invoice is not null)
            {
                var currency = Domain.Money.Currency.Of(invoice.Currency);
                var issued = new Invoice(
                    customerId,
                    invoice.Kind == "prepaid" ? InvoiceKind.Prepaid : InvoiceKind.Usage,
                    invoice.Period,
                    invoice.IssuedAt,
                    invoice.DueAt,
                    currency,
                    [],
                    new InvoiceTotals(invoice.Total, 0m, 0m, invoice.Total),
                    []) { Key = invoice.Key };
                byKey[invoice.Key] = ledger.Issue(issued);
            }
            else
            {
                ledger.Apply(payment!.Amount, payment.Period);
            }
        }

        var refreshed = new List<StoredInvoice>(stored.Count);
        foreach (var invoice in stored)
        {
            var receivable = byKey[invoice.Key];
            var status = receivable.IsPaid ? "paid" : "open";
            if (invoice.Paid != receivable.Paid || invoice.Status != status)
            {
                var json = JsonNode.Parse(invoice.Json)!.AsObject();
                json["paid"] = receivable.Invoice.Currency.Format(receivable.Paid);
                json["status"] = status;
                // Becoming paid, in the same write: the usage invoice's dunning is to be told (SettlementService does).
                var becamePaid = status == "paid" && invoice.Status != "paid" && invoice.Kind == "usage";
                var updated = invoice with { Paid = receivable.Paid, Status = status, Json = json.ToJsonString(Indented), PaidNoticePending = invoice.PaidNoticePending || becamePaid };
                await invoices.UpdateStandingAsync(updated, ct);
                refreshed.Add(updated);
            }
            else
            {
                refreshed.Add(invoice);
            }
        }

        return refreshed;
    }
}
