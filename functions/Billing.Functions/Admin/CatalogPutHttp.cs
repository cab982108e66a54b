using Billing.Application.Accounts;
using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Catalog;
using Billing.Storage.Customers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>PUT /api/manage/catalog</c>: publishes the catalog as a new version (none for an identical document); operators only.</summary>
public sealed class CatalogPutHttp(AdminKeyFilter admin, CatalogStore catalogs, CustomerStore customers, BillingDirectory directory, TimeProvider clock)
{
    [Function(nameof(CatalogPutHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "manage/catalog")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await CatalogAdminApi.PutAsync(request, catalogs, customers, directory, clock, cancellationToken);
}
