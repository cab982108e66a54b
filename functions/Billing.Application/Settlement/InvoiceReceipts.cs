using System.Security.Cryptography;
using System.Text;
using Billing.Domain.Money;
using Billing.Domain.Payments;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Application.Rendering;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.Invoicing;
using Billing.Storage.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// Receipt documents: when a recorded payment leaves an invoice paid in full (a total above 0), a receipt PDF
/// (<see cref="ReceiptPdfRenderer"/>, in the invoiced customer's language, times in the catalog's zone) is stored beside
/// the invoice at <c>invoices/{customer}/{number}.receipt.pdf</c>, write-once with its SHA-256 and a digest of the payment
/// that completed it; the invoice's own PDF and HTML are never rewritten. Served at
/// <c>GET /api/invoices/{number}/receipt.pdf</c>. Not made: receipts for invoices paid by a credit balance at issue or with a
/// total of 0 (no payment completed them).
/// </summary>
public sealed class InvoiceReceipts(
    IStorageAccount storage, ReceiptPdfRenderer renderer, BillingDirectory directory, CustomerProfiles profiles, IOptions<IssuerOptions> issuer)
{
    public const string Suffix = ".receipt.pdf";

    public static string BlobName(string customer, string number) => KeyEscaping.Escape(customer) + "/" + KeyEscaping.Escape(number) + Suffix;

    /// <summary>
    /// Stores a receipt for each invoice of <paramref name="standing"/> that is paid in full and has none yet, naming
    /// <paramref name="payment"/>; returns the receipts that name it (written now, or by an earlier delivery of the same payment).
    /// </summary>
    public async Task<IReadOnlyList<(string Number, byte[] Pdf)>> IssueAsync(Payment payment, IReadOnlyList<StoredInvoice> standing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var container = storage.GetBlobContainerClient(InvoiceDelivery.Container);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payment.Customer + "\n" + payment.Id)));
        var issued = new List<(string, byte[])>();
        foreach (var invoice in standing.Where(i => i.Status == "paid" && i.Total > 0m && i.Paid >= i.Total))
        {
            var name = BlobName(invoice.Customer, invoice.Number);
            try
            {
                var properties = await container.GetPropertiesAsync(name, ct);
                if (properties.Metadata.GetValueOrDefault("payment") == digest)
                {
                    issued.Add((invoice.Number, (await container.DownloadContentAsync(name, ct)).Content.ToArray()));
                }

                continue;
            }
            catch (StorageRequestFailedException ex) when (ex.IsNotFound)
            {
                // No receipt yet: this payment completed the invoice.
            }

            var pdf = renderer.Render(await DocumentAsync(invoice, payment, ct));
            try
            {
                await container.UploadBlobAsync(
                    name,
                    BinaryData.FromBytes(pdf),
                    new BlobUploadOptions
                    {
                        ContentType = "application/pdf",
                        WriteOnce = true,
                        Metadata = new Dictionary<string, string> { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(pdf)), ["payment"] = digest },
                    },
                    ct);
                issued.Add((invoice.Number, pdf));
            }
            catch (StorageRequestFailedException ex) when (ex.IsConflict)
            {
                // Another delivery wrote it first; the first receipt stands.
            }
        }

        return issued;
    }

    private async Task<ReceiptDocument> DocumentAsync(StoredInvoice invoice, Payment payment, CancellationToken ct)
    {
        var settings = issuer.Value;
        var billed = await directory.CustomerAsync(invoice.Customer, ct);
        var zone = (await directory.CatalogAsync(ct))?.Catalog.TimeZone.Id ?? "UTC";
        return new ReceiptDocument
        {
            InvoiceNumber = invoice.Number,
            Locale = (await profiles.GetAsync(invoice.Customer, ct)).Locale,
            Issuer = new InvoiceIssuer(settings.Name, settings.Address, settings.TaxId, settings.Email, new InvoicePaymentAccount(settings.Bank, settings.Account)),
            Customer = new InvoiceCustomer(invoice.Customer, billed?.Name ?? invoice.Customer, billed?.Email ?? string.Empty),
            PeriodName = invoice.Period,
            IssuedAt = invoice.IssuedAt,
            DueAt = invoice.DueAt,
            TimeZone = zone,
            Currency = Currency.Of(invoice.Currency),
            Total = invoice.Total,
            Paid = invoice.Paid,
            PaymentId = payment.Id,
            PaidAt = payment.At,
        };
    }
}
