using Billing.Application.Http;
using Billing.Storage.Alerts;

namespace Billing.Application.Alerts;

/// <summary><c>GET /api/manage/alerts?kind=usage_spike</c>: every customer's alerts of one kind, for operators.</summary>
public static class AlertsAdminApi
{
    public static async Task<IResult> RunAsync(HttpRequest request, AlertStore alerts, CancellationToken ct)
    {
        var kind = request.Query["kind"].ToString();
        return kind.Length == 0 ? Problems.Field("kind", "required, e.g. usage_spike") : Results.Json(await alerts.OfKindAsync(kind, ct));
    }
}
