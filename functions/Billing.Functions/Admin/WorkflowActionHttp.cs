using Billing.Application.Admin;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Admin;

/// <summary>
/// <c>POST /api/manage/workflows/{id}/{action}</c>: <c>terminate</c>, <c>purge</c> or <c>restart</c> a Durable
/// orchestration instance; operators only. One function: instance ids hold slashes, so the route ends in a catch-all.
/// </summary>
public sealed class WorkflowActionHttp(AdminKeyFilter admin)
{
    [Function(nameof(WorkflowActionHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/workflows/{*id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await WorkflowsAdminApi.ActAsync(id, durable, cancellationToken);
}
