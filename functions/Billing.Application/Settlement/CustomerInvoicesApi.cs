using Billing.Domain.Invoicing;
using Billing.Application.Http;
using Billing.Application.Security;
using Billing.Storage.Invoicing;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Settlement;

/// <summary>
/// Invoices for customers and operators: <c>GET /api/customers/{id}/invoices</c> (the scenario outcome shape, each
/// with its number), <c>GET /api/invoices/{number}</c>, and <c>GET /api/customers/{id}/invoices/preview</c>: the open
/// period priced so far by the same engine (a dry run; nothing is stored).
/// </summary>
public static class CustomerInvoicesApi
{
    public static async Task<IResult> ListAsync(string id, HttpRequest request, CustomerAccess access, InvoiceStore invoices, CancellationToken ct)
    {
        if (await access.RefusalAsync(request, id, ct) is { } refusal)
        {
            return refusal;
        }

        var stored = await invoices.ForCustomerAsync(id, ct);
        return Results.Text("[" + string.Join(",", stored.Select(i => i.Json)) + "]", "application/json");
    }

    public static async Task<IResult> ByNumberAsync(string number, HttpRequest request, CustomerAccess access, InvoiceStore invoices, CancellationToken ct)
    {
        var invoice = await invoices.ByNumberAsync(number, ct);
        return await access.NumberedRefusalAsync(request, invoice?.Customer, $"no invoice numbered '{number}'", ct) ?? Results.Text(invoice!.Json, "application/json");
    }

    /// <summary><c>GET /api/invoices/{number}/pdf</c>: the stored PDF of an invoice (404 until it has been rendered).</summary>
    public static Task<IResult> PdfAsync(string number, HttpRequest request, CustomerAccess access, InvoiceStore invoices, Billing.Storage.IStorageAccount storage, CancellationToken ct) =>
        RenderedAsync(number, ".pdf", "application/pdf", request, access, invoices, storage, ct);

    /// <summary><c>GET /api/invoices/{number}/html</c>: the stored HTML of an invoice (404 until it has been rendered).</summary>
    public static Task<IResult> HtmlAsync(string number, HttpRequest request, CustomerAccess access, InvoiceStore invoices, Billing.Storage.IStorageAccount storage, CancellationToken ct) =>
        RenderedAsync(number, ".html", "text/html; charset=utf-8", request, access, invoices, storage, ct);

    /// <summary>The stored PDF or HTML of an invoice (404 until it has been rendered).</summary>
    private static async Task<IResult> RenderedAsync(
        string number, string extension, string contentType, HttpRequest request, CustomerAccess access, InvoiceStore invoices, Billing.Storage.IStorageAccount storage, CancellationToken ct)
    {
        var invoice = await invoices.ByNumberAsync(number, ct);
        if (await access.NumberedRefusalAsync(request, invoice?.Customer, $"no invoice numbered '{number}'", ct) is { } refusal)
        {
            return refusal;
        }

        var name = Billing.Storage.Usage.KeyEscaping.Escape(invoice!.Customer) + "/" + Billing.Storage.Usage.KeyEscaping.Escape(number) + extension;
        try
        {
            var blob = await storage.GetBlobContainerClient(InvoiceDelivery.Container).DownloadContentAsync(name, ct);
            return Results.Bytes(blob.Content.ToArray(), contentType, number + extension);
        }
        catch (Billing.Storage.StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            return Problems.NotFound($"invoice '{number}' has not been rendered yet");
        }
    }

    public static async Task<IResult> PreviewAsync(string id, HttpRequest request, CustomerAccess access, SettlementService settlement, Accounts.BillingDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        if (await access.RefusalAsync(request, id, ct) is { } refusal)
        {
            return refusal;
        }

        var preview = await settlement.PreviewAsync(id, clock.GetUtcNow(), ct);
        if (preview is not { } found || !found.Outcome.Accounts.TryGetValue(id, out var account))
        {
            return Problems.NotFound($"customer '{id}' is invoiced through its parent, or no catalog is published");
        }

        var currency = (await directory.CatalogAsync(ct))!.Catalog.Currency;
        var lines = account.PreviewLines(found.OpenPeriod);
        var totals = InvoiceTotals.Compute(lines, [], account.Customer.TaxRate, currency);
        return Results.Json(new
        {
            customer = id,
            period = found.OpenPeriod.Name,
            asOf = OutcomeWriter.Instant(clock.GetUtcNow()),
            currency = currency.Code,
            lines = lines.Select(l => new { code = l.Code, quantity = OutcomeWriter.Quantity(l.Quantity), amount = currency.Format(l.Amount) }),
            subtotal = currency.Format(totals.Subtotal),
            taxBeforeDiscounts = currency.Format(totals.Tax),
            note = "charges so far in the open period, before coupons; the invoice is issued when the period is settled",
        });
    }
}
