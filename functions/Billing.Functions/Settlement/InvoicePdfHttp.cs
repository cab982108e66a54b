using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>GET /api/invoices/{number}/pdf</c>: the rendered PDF of an invoice; operators and the invoiced customer.</summary>
public sealed class InvoicePdfHttp(CustomerAccess access, InvoiceStore invoices, IStorageAccount storage)
{
    [Function(nameof(InvoicePdfHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invoices/{number}/pdf")] HttpRequest request,
        string number,
        CancellationToken cancellationToken) =>
        CustomerInvoicesApi.PdfAsync(number, request, access, invoices, storage, cancellationToken);
}
