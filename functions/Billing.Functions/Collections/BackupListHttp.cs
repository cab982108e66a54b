using Billing.Application.Collections;
using Billing.Application.Security;
using Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary><c>GET /api/manage/customers/{id}/backups</c>: the backups taken before the customer's suspensions; operators only.</summary>
public sealed class BackupListHttp(AdminKeyFilter admin, IStorageAccount storage)
{
    [Function(nameof(BackupListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/customers/{id}/backups")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await BackupsAdminApi.ListAsync(id, storage, cancellationToken);
}
