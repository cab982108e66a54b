using Billing.Storage.Collections;

namespace Billing.Application.Webhooks;

/// <summary><c>GET /api/manage/customers/{id}/webhooks</c>: the delivery log of a customer's status notifications.</summary>
public static class WebhookDeliveriesAdminHttp
{
    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/customers/{id}/webhooks", async (string id, WebhookDeliveryStore deliveries, CancellationToken ct) =>
        Results.Json(await deliveries.ForCustomerAsync(id, ct)));
}
