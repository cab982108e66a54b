using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>GET /api/invoices/{number}/html</c>: the rendered HTML of an invoice; operators and the invoiced customer.</summary>
public sealed class InvoiceHtmlHttp(CustomerAccess access, InvoiceStore invoices, IStorageAccount storage)
{
    [Function(nameof(InvoiceHtmlHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invoices/{number}/html")] HttpRequest request,
        string number,
        CancellationToken cancellationToken) =>
        CustomerInvoicesApi.HtmlAsync(number, request, access, invoices, storage, cancellationToken);
}
