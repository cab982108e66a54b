using Billing.Application.Webhooks;

namespace Billing.Application.Events;

/// <summary>
/// What the dispatch timer runs: hands outbox leftovers to the webhook delivery log, delivers pending webhooks, sends
/// pending events to the Service Bus topic. Each sink retries on its own; none holds up the other.
/// </summary>
public sealed class EventDispatch(IntegrationEventPublisher publisher, WebhookDispatcher webhooks, EventTopicDispatcher topic)
{
    public async Task DispatchAsync(CancellationToken ct)
    {
        await publisher.FanOutLeftoversAsync(ct);
        await webhooks.DispatchAsync(ct);
        await topic.DispatchAsync(ct);
    }
}
