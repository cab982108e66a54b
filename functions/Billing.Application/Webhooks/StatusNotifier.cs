using System.Globalization;
using System.Text.Json;
using Billing.Storage.Collections;
using Billing.Workflows.Scenarios;
using Microsoft.Extensions.Options;

namespace Billing.Application.Webhooks;

/// <summary>
/// Queues a status change for every configured webhook. The sequence (the change's instant and action) orders a
/// customer's notifications and makes queuing idempotent, so a status change redone after a crash notifies once.
/// </summary>
public sealed class StatusNotifier(WebhookDeliveryStore deliveries, IOptions<WebhookOptions> options)
{
    public async Task QueueAsync(string customer, string status, string reason, DateTimeOffset at, string action, string cause, CancellationToken ct)
    {
        var sequence = string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}|{action}|{cause}");
        var payload = JsonSerializer.Serialize(new
        {
            delivery = customer + "/" + sequence,
            customer,
            status,
            reason,
            since = OutcomeWriter.Instant(at),
            action,
            cause,
        });
        var targets = options.Value.StatusWebhooks;
        for (var i = 0; i < targets.Count; i++)
        {
            await deliveries.QueueAsync(new WebhookDelivery(i, customer, sequence, payload, WebhookDeliveryStore.Pending, 0, default, null, null), ct);
        }
    }
}
