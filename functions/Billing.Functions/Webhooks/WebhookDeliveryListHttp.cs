using Billing.Application.Security;
using Billing.Application.Webhooks;
using Billing.Storage.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Webhooks;

/// <summary><c>GET /api/manage/customers/{id}/webhooks</c>: the delivery log of the customer's status notifications; operators only.</summary>
public sealed class WebhookDeliveryListHttp(AdminKeyFilter admin, WebhookDeliveryStore deliveries)
{
    [Function(nameof(WebhookDeliveryListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/customers/{id}/webhooks")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await WebhookDeliveriesAdminApi.ListAsync(id, deliveries, cancellationToken);
}
