using Billing.Application.Accounts;
using Billing.Application.Security;
using Billing.Application.Settlement;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>GET /api/customers/{id}/invoices/preview</c>: the open period priced so far (a dry run; nothing is stored); operators and the customer.</summary>
public sealed class InvoicePreviewHttp(CustomerAccess access, SettlementService settlement, BillingDirectory directory, TimeProvider clock)
{
    [Function(nameof(InvoicePreviewHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/invoices/preview")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerInvoicesApi.PreviewAsync(id, request, access, settlement, directory, clock, cancellationToken);
}
