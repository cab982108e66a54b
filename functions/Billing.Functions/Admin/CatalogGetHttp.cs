using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>GET /api/manage/catalog</c>: every published catalog version, oldest first; operators only.</summary>
public sealed class CatalogGetHttp(AdminKeyFilter admin, CatalogStore catalogs)
{
    [Function(nameof(CatalogGetHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/catalog")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await CatalogAdminApi.GetAsync(catalogs, cancellationToken);
}
