using System.Globalization;
using System.Security.Cryptography;
using Billing.Domain.Accounts;
using Billing.Domain.Periods;
using Billing.Domain.Payments;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Application.Email;
using Billing.Application.Notices;
using Billing.Application.Rendering;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.Invoicing;
using Billing.Storage.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// Renders an issued invoice (HTML and PDF, in the customer's <c>locale</c>: <c>en</c> or <c>zh-CN</c>), stores both
/// write-once at <c>invoices/{customer}/{number}.html|.pdf</c> with their SHA-256, emails it with the PDF attached
/// (message id <c>invoice/{number}</c>), then marks it delivered. Every step is idempotent (a rerun keeps the first
/// blobs and the outbox keeps one email per message id), so a crash between steps is repaired by the next
/// settlement run, which delivers whatever is not marked delivered yet.
/// </summary>
public sealed partial class InvoiceDelivery(
    IStorageAccount storage,
    InvoiceHtmlRenderer html,
    InvoicePdfRenderer pdf,
    IEmailSender email,
    InvoiceStore invoices,
    IOptions<IssuerOptions> issuer,
    CrashPoints crashes,
    ILogger<InvoiceDelivery> logger)
{
    public const string Container = "invoices";

    /// <summary>
    /// Delivers <paramref name="stored"/> unless it was, under <paramref name="documents"/>, the documents in force for its
    /// period: the invoiced customer (name, email, language), the catalog version that priced it, and the sub-accounts,
    /// whose lines show the names and prices of their own plans.
    /// </summary>
    public async Task DeliverAsync(StoredInvoice stored, Receivable receivable, AccountDocuments documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        using var activity = Hosting.BillingTelemetry.Source.StartActivity("invoice.deliver");
        var customer = documents.Head;
        var catalog = documents.Catalog;
        var family = documents.Family;
        if (stored.Delivered)
        {
            return;
        }

        var settings = issuer.Value;
        var locale = documents.ProfileOf(customer.Id).Locale;
        var document = InvoiceDocuments.FromInvoice(
            receivable.Invoice,
            stored.Number,
            new InvoiceIssuer(settings.Name, settings.Address, settings.TaxId, settings.Email, new InvoicePaymentAccount(settings.Bank, settings.Account)),
            new InvoiceCustomer(customer.Id, customer.Name, customer.Email),
            locale,
            catalog.Catalog.TimeZone.Id,
            customer.TaxRate,
            stored.Paid,
            new InvoiceLineCatalog(catalog.Catalog, customer.PlanCode, family.Where(c => c.Id != customer.Id).ToDictionary(c => c.Id, c => c.PlanCode, StringComparer.Ordinal), customer.Packs),
            ServicePeriodOf(receivable.Invoice.Period, catalog));
        var container = storage.GetBlobContainerClient(Container);
        var prefix = KeyEscaping.Escape(customer.Id) + "/" + KeyEscaping.Escape(stored.Number);
        var htmlBytes = html.RenderUtf8(document);
        await KeepAsync(container, prefix + ".html", htmlBytes, "text/html; charset=utf-8", ct);
        var pdfBytes = await KeepAsync(container, prefix + ".pdf", pdf.Render(document), "application/pdf", ct);
        await crashes.PassAsync("rendering", ct);

        if (customer.Email.Length > 0)
        {
            // The due date as the attached invoice shows it: the local date in the catalog's time zone.
            var texts = NoticeTexts.For(locale);
            var facts = NoticeInvoices.Of(
                stored.Number, receivable.Invoice.Period, receivable.Invoice.Totals.Total, stored.Paid, receivable.Invoice.DueAt,
                receivable.Invoice.Currency.Code, locale, catalog.Catalog.TimeZone);
            await email.SendAsync(
                new EmailMessage
                {
                    MessageId = "invoice/" + stored.Number,
                    From = new EmailAddress(settings.Email, settings.Name),
                    To = [new EmailAddress(customer.Email, customer.Name)],
                    Subject = texts.InvoiceSubject(facts),
                    TextBody = texts.InvoiceBody(customer.Name, facts, new NoticePayment(settings.Bank, settings.Account), settings.Name),
                    HtmlBody = System.Text.Encoding.UTF8.GetString(htmlBytes),
                    Attachments = [EmailAttachment.Pdf(stored.Number + ".pdf", pdfBytes)],
                },
                ct);
        }

        await crashes.PassAsync("email", ct);
        await invoices.MarkDeliveredAsync(stored.Customer, stored.Key, ct);
        LogDelivered(stored.Number, customer.Id);
    }

    /// <summary>The instants of a usage period named <c>2026-01</c> or <c>2026-Q1</c> in the catalog's calendar; null for a prepaid invoice.</summary>
    private static InvoiceServicePeriod? ServicePeriodOf(string? period, CatalogSnapshot catalog) =>
        period is null ? null
            : catalog.Calendar.TryParse(period, period.Contains('Q', StringComparison.Ordinal) ? PeriodUnit.Quarter : PeriodUnit.Month) is { } parsed
                ? new InvoiceServicePeriod(parsed.Start, parsed.End)
                : null;

    /// <summary>Writes the blob once with its SHA-256 in metadata; returns the bytes that stand (the first write's).</summary>
    private static async Task<byte[]> KeepAsync(IBlobContainerClient container, string name, byte[] content, string contentType, CancellationToken ct)
    {
        try
        {
            await container.UploadBlobAsync(
                name,
                BinaryData.FromBytes(content),
                new BlobUploadOptions { ContentType = contentType, WriteOnce = true, Metadata = new Dictionary<string, string> { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) } },
                ct);
            return content;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            return (await container.DownloadContentAsync(name, ct)).Content.ToArray();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {Number} of {Customer} rendered, stored and emailed")]
    private partial void LogDelivered(string number, string customer);
}
