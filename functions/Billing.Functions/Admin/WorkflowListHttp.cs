using Billing.Application.Accounts;
using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Collections;
using Billing.Workflows.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>GET /api/manage/workflows</c>: settlement and collections workflows, filtered by type, status and customer; operators only.</summary>
public sealed class WorkflowListHttp(AdminKeyFilter admin, BillingDirectory directory, TimelineStore timeline, WorkflowRuntime runtime)
{
    [Function(nameof(WorkflowListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/workflows")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await WorkflowsAdminApi.ListAsync(request, directory, timeline, runtime, cancellationToken);
}
