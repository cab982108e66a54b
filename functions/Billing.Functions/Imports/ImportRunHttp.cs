using Billing.Application.Imports;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Imports;

/// <summary><c>POST /api/manage/imports/run</c>: imports the usage files waiting now; operators only.</summary>
public sealed class ImportRunHttp(AdminKeyFilter admin, UsageImporter importer)
{
    [Function(nameof(ImportRunHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/imports/run")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await ImportsAdminApi.RunAsync(importer, cancellationToken);
}
