using Billing.Application.Accounts;
using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Customers;
using Billing.Storage.Invoicing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>PUT /api/manage/customers/{id}</c>: creates (201 with the portal key, shown once) or updates (200) a customer; operators only.</summary>
public sealed class CustomerPutHttp(AdminKeyFilter admin, CustomerStore customers, BillingDirectory directory, InvoiceStore invoices, TimeProvider clock)
{
    [Function(nameof(CustomerPutHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "manage/customers/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await CustomerAdminApi.PutAsync(id, request, customers, directory, invoices, clock, cancellationToken);
}
