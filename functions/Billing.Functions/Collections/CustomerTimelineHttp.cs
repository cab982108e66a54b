using Billing.Application.Collections;
using Billing.Application.Security;
using Billing.Storage.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary><c>GET /api/customers/{id}/timeline</c>: the collection and alert actions carried out for the customer; operators and the customer.</summary>
public sealed class CustomerTimelineHttp(CustomerAccess access, TimelineStore timeline)
{
    [Function(nameof(CustomerTimelineHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/timeline")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerCollectionsApi.TimelineAsync(id, request, access, timeline, cancellationToken);
}
