using Billing.Application.Accounts;
using Billing.Application.Admin;
using Billing.Application.Collections;
using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage;
using Billing.Workflows.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>POST /api/manage/workflows/{id}/retry</c>: resumes a workflow and requeues the customer's poisoned settlement requests; operators only.</summary>
public sealed class WorkflowRetryHttp(AdminKeyFilter admin, BillingDirectory directory, SettlementService settlement, WorkflowRuntime runtime, CollectionsMonitor monitor, IStorageAccount storage, TimeProvider clock)
{
    [Function(nameof(WorkflowRetryHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/workflows/{*id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await WorkflowsAdminApi.RetryAsync(id, directory, settlement, runtime, monitor, storage, clock, cancellationToken);
}
