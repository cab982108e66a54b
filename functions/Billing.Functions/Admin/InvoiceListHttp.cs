using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>GET /api/manage/invoices</c>: every customer's invoices, paged, filtered by status and issue time; operators only.</summary>
public sealed class InvoiceListHttp(AdminKeyFilter admin, InvoiceStore invoices)
{
    [Function(nameof(InvoiceListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/invoices")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await InvoicesAdminApi.ListAsync(request, invoices, cancellationToken);
}
