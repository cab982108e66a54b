using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>GET /api/customers/{id}/invoices</c>: the customer's issued invoices, each with its number; operators and the customer.</summary>
public sealed class CustomerInvoicesHttp(CustomerAccess access, InvoiceStore invoices)
{
    [Function(nameof(CustomerInvoicesHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/invoices")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerInvoicesApi.ListAsync(id, request, access, invoices, cancellationToken);
}
