using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>POST /api/manage/poison/{queue}/requeue</c>: moves every poisoned message back to its queue; operators only.</summary>
public sealed class PoisonRequeueHttp(AdminKeyFilter admin, IStorageAccount storage)
{
    [Function(nameof(PoisonRequeueHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/poison/{queue}/requeue")] HttpRequest request,
        string queue,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await PoisonQueueAdminApi.RequeueAsync(queue, storage, cancellationToken);
}
