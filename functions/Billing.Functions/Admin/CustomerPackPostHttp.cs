using Billing.Application.Accounts;
using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage.Customers;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>POST /api/manage/customers/{id}/packs</c>: sells a prepaid pack and issues its invoice at once, idempotent by pack code; operators only.</summary>
public sealed class CustomerPackPostHttp(AdminKeyFilter admin, CustomerStore customers, BillingDirectory directory, SettlementService settlement, InvoiceStore invoices, TimeProvider clock)
{
    [Function(nameof(CustomerPackPostHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/customers/{id}/packs")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await CustomerPacksApi.PostAsync(id, request, customers, directory, settlement, invoices, clock, cancellationToken);
}
