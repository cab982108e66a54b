using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>GET /api/invoices/{number}</c>: one issued invoice by its number; operators and the invoiced customer.</summary>
public sealed class InvoiceHttp(CustomerAccess access, InvoiceStore invoices)
{
    [Function(nameof(InvoiceHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invoices/{number}")] HttpRequest request,
        string number,
        CancellationToken cancellationToken) =>
        CustomerInvoicesApi.ByNumberAsync(number, request, access, invoices, cancellationToken);
}
