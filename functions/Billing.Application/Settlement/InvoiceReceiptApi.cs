using Billing.Application.Http;
using Billing.Application.Security;
using Billing.Storage;
using Billing.Storage.Invoicing;

namespace Billing.Application.Settlement;

/// <summary>
/// <c>GET /api/invoices/{number}/receipt.pdf</c> (admin key or the customer's portal key): the receipt of an invoice paid
/// in full (<see cref="InvoiceReceipts"/>); 404 naming the reason while the invoice is unknown or not paid by a payment.
/// </summary>
public static class InvoiceReceiptApi
{
    public static async Task<IResult> ReceiptAsync(string number, HttpRequest request, CustomerAccess access, InvoiceStore invoices, IStorageAccount storage, CancellationToken ct)
    {
        var invoice = await invoices.ByNumberAsync(number, ct);
        if (await access.NumberedRefusalAsync(request, invoice?.Customer, $"no invoice numbered '{number}'", ct) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var blob = await storage.GetBlobContainerClient(InvoiceDelivery.Container).DownloadContentAsync(InvoiceReceipts.BlobName(invoice!.Customer, number), ct);
            return Results.Bytes(blob.Content.ToArray(), "application/pdf", number + InvoiceReceipts.Suffix);
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            return Problems.NotFound($"invoice '{number}' has no receipt: it is not paid in full by a payment");
        }
    }
}
