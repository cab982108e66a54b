using Billing.Application.Accounts;
using Billing.Application.Ingestion;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Ingestion;

/// <summary><c>GET /api/customers/{id}/events?meter=&amp;from=&amp;to=</c>: the raw events of a window of at most one hour, as received; operators and the customer.</summary>
public sealed class CustomerEventsHttp(CustomerAccess access, BillingDirectory directory, TenantUsage usage)
{
    [Function(nameof(CustomerEventsHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerEventsApi.RunAsync(id, request, access, directory, usage, cancellationToken);
}
