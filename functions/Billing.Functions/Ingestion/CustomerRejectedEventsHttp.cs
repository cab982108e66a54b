using Billing.Application.Ingestion;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Ingestion;

/// <summary><c>GET /api/customers/{id}/events/rejected</c>: the customer's events refused after the webhook answered; operators and the customer.</summary>
public sealed class CustomerRejectedEventsHttp(CustomerAccess access, RejectedEventStore rejections)
{
    [Function(nameof(CustomerRejectedEventsHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/events/rejected")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerRejectedEventsApi.RunAsync(id, request, access, rejections, cancellationToken);
}
