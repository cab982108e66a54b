using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>GET /api/invoices/{number}/receipt.pdf</c>: the receipt of an invoice paid in full by a payment; operators and the invoiced customer.</summary>
public sealed class InvoiceReceiptHttp(CustomerAccess access, InvoiceStore invoices, IStorageAccount storage)
{
    [Function(nameof(InvoiceReceiptHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invoices/{number}/receipt.pdf")] HttpRequest request,
        string number,
        CancellationToken cancellationToken) =>
        InvoiceReceiptApi.ReceiptAsync(number, request, access, invoices, storage, cancellationToken);
}
