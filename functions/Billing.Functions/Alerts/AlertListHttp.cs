using Billing.Application.Alerts;
using Billing.Application.Security;
using Billing.Storage.Alerts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Alerts;

/// <summary><c>GET /api/manage/alerts?kind=</c>: every customer's alerts of one kind; operators only.</summary>
public sealed class AlertListHttp(AdminKeyFilter admin, AlertStore alerts)
{
    [Function(nameof(AlertListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/alerts")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await AlertsAdminApi.RunAsync(request, alerts, cancellationToken);
}
