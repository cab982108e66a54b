using Billing.Application.Security;
using Billing.Storage.Alerts;

namespace Billing.Application.Alerts;

/// <summary><c>GET /api/customers/{id}/alerts</c>: the customer's alerts, oldest first; readable by operators and the customer.</summary>
public static class CustomerAlertsApi
{
    public static async Task<IResult> RunAsync(string id, HttpRequest request, CustomerAccess access, AlertStore alerts, CancellationToken ct) =>
        await access.RefusalAsync(request, id, ct) ?? Results.Json(await alerts.ForCustomerAsync(id, ct));
}
