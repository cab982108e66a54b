using Billing.Application.Imports;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Imports;

/// <summary><c>GET /api/manage/imports</c>: every usage file import and its report, paged; operators only.</summary>
public sealed class ImportListHttp(AdminKeyFilter admin, UsageImporter importer)
{
    [Function(nameof(ImportListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/imports")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await ImportsAdminApi.ListAsync(request, importer, cancellationToken);
}
