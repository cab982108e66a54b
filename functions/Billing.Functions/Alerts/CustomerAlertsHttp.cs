using Billing.Application.Alerts;
using Billing.Application.Security;
using Billing.Storage.Alerts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Alerts;

/// <summary><c>GET /api/customers/{id}/alerts</c>: the customer's alerts, oldest first; operators and the customer.</summary>
public sealed class CustomerAlertsHttp(CustomerAccess access, AlertStore alerts)
{
    [Function(nameof(CustomerAlertsHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{id}/alerts")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        CustomerAlertsApi.RunAsync(id, request, access, alerts, cancellationToken);
}
