using Billing.Storage.Collections;

namespace Billing.Application.Webhooks;

/// <summary><c>GET /api/manage/customers/{id}/webhooks</c>: the delivery log of a customer's status notifications.</summary>
public static class WebhookDeliveriesAdminApi
{
    public static async Task<IResult> ListAsync(string id, WebhookDeliveryStore deliveries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        return Results.Json(await deliveries.ForCustomerAsync(id, ct));
    }
}
