using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>GET /api/manage/poison/{queue}</c>: up to 32 messages of the queue's poison queue, left in place; operators only.</summary>
public sealed class PoisonListHttp(AdminKeyFilter admin, IStorageAccount storage)
{
    [Function(nameof(PoisonListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/poison/{queue}")] HttpRequest request,
        string queue,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await PoisonQueueAdminApi.ListAsync(queue, storage, cancellationToken);
}
