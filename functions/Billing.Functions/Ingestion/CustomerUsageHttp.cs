using Billing.Application.Accounts;
using Billing.Application.Ingestion;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Ingestion;

/// <summary><c>GET /api/customers/{id}/usage?meter=&amp;from=&amp;to=&amp;granularity=</c>: one meter's usage in local-time buckets; operators and the customer.</summary>
public sealed class CustomerUsageHttp(CustomerAccess access, BillingDirectory directory, UsageReports reports)
{
    [Function(nameof(CustomerUsageHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/usage")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerUsageApi.RunAsync(id, request, access, directory, reports, cancellationToken);
}
