using Billing.Application.Collections;
using Billing.Application.Security;
using Billing.Storage.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary><c>GET /api/customers/{id}/status</c>: active, throttled or suspended, with an ETag, for API gateways; operators and the customer.</summary>
public sealed class CustomerStatusHttp(CustomerAccess access, ServiceStatusStore statuses)
{
    [Function(nameof(CustomerStatusHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerCollectionsApi.StatusAsync(id, request, access, statuses, cancellationToken);
}
