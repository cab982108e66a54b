using Billing.Application.Collections;
using Billing.Application.Security;
using Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary><c>GET /api/manage/backups/{name}</c>: one backup's zip; operators only.</summary>
public sealed class BackupGetHttp(AdminKeyFilter admin, IStorageAccount storage)
{
    [Function(nameof(BackupGetHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/backups/{*name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await BackupsAdminApi.GetAsync(name, storage, cancellationToken);
}
