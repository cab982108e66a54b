using System.Globalization;
using Billing.Application.Webhooks;
using Billing.Storage.Collections;
using Microsoft.Extensions.Options;

namespace Billing.Application.Events;

/// <summary>
/// Emits integration events where they happen: the event's outbox row, then one delivery per subscribed webhook in the
/// webhook delivery log (sequence <c>{occurredAt ticks}|{event id}</c>, so a customer's events go out in the order they
/// occurred), then the row is marked handed over. Each write is idempotent, so emitting again after a crash or a retry
/// sends nothing twice, and <see cref="FanOutLeftoversAsync"/> (the dispatch timer) finishes a hand-over a crash cut short.
/// Writes nothing when no sink wants the event; never sends: the dispatch timer does, so a failing sink never blocks billing.
/// </summary>
public sealed class IntegrationEventPublisher(IntegrationEventOutbox outbox, WebhookDeliveryStore deliveries, IOptions<WebhookOptions> webhooks, EventTopic topic)
{
    public async Task EmitAsync(IntegrationEvent integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (!Subscribers(integrationEvent.Type).Any() && !topic.IsConfigured)
        {
            return;
        }

        var stored = await outbox.AddAsync(integrationEvent, topic.IsConfigured, ct);
        if (!stored.FannedOut)
        {
            await FanOutAsync(stored, ct);
        }
    }

    /// <summary>Hands every event a crash left in the outbox to the webhook delivery log; returns how many.</summary>
    public async Task<int> FanOutLeftoversAsync(CancellationToken ct)
    {
        if (webhooks.Value.StatusWebhooks.Count == 0 && !topic.IsConfigured)
        {
            return 0;
        }

        var leftovers = await outbox.NotFannedOutAsync(ct);
        foreach (var stored in leftovers)
        {
            await FanOutAsync(stored, ct);
        }

        return leftovers.Count;
    }

    /// <summary>The sequence that orders a customer's deliveries: when the event occurred, then its id.</summary>
    public static string Sequence(StoredIntegrationEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return string.Create(CultureInfo.InvariantCulture, $"{stored.OccurredAt.UtcTicks:D19}|{stored.Id}");
    }

    private async Task FanOutAsync(StoredIntegrationEvent stored, CancellationToken ct)
    {
        foreach (var webhook in Subscribers(stored.Type))
        {
            await deliveries.QueueAsync(new WebhookDelivery(webhook, stored.Customer, Sequence(stored), stored.Body, WebhookDeliveryStore.Pending, 0, default, null, null), ct);
        }

        await outbox.MarkFannedOutAsync(stored, ct);
    }

    /// <summary>The indexes of the webhooks subscribed to <paramref name="type"/>.</summary>
    private IEnumerable<int> Subscribers(IntegrationEventType type)
    {
        var targets = webhooks.Value.StatusWebhooks;
        return Enumerable.Range(0, targets.Count).Where(i => targets[i].Receives(type));
    }
}
