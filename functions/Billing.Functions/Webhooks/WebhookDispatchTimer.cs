using Billing.Application.Events;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Webhooks;

/// <summary>Timer <c>%Billing:WebhookDispatchSchedule%</c> (default every 5 seconds): delivers pending integration events to the webhooks and the Service Bus topic; does nothing when neither is configured.</summary>
public sealed class WebhookDispatchTimer(EventDispatch dispatcher)
{
    [Function(nameof(WebhookDispatchTimer))]
    public Task RunAsync([TimerTrigger("%Billing:WebhookDispatchSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(cancellationToken);
}
