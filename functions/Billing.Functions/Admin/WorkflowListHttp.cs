using Billing.Application.Accounts;
using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Admin;

/// <summary><c>GET /api/manage/workflows</c>: Durable orchestration instances (settlement cycles, dunning) and collections timelines, filtered by type, status, created range and customer; operators only.</summary>
public sealed class WorkflowListHttp(AdminKeyFilter admin, BillingDirectory directory, TimelineStore timeline)
{
    [Function(nameof(WorkflowListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/workflows")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await WorkflowsAdminApi.ListAsync(request, directory, timeline, durable, cancellationToken);
}
