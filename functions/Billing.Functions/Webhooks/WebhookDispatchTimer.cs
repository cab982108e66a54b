using Billing.Application.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Webhooks;

/// <summary>Timer <c>%Billing:WebhookDispatchSchedule%</c> (default every 5 seconds): delivers pending status webhooks; does nothing when none is configured.</summary>
public sealed class WebhookDispatchTimer(WebhookDispatcher dispatcher)
{
    [Function(nameof(WebhookDispatchTimer))]
    public Task RunAsync([TimerTrigger("%Billing:WebhookDispatchSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(cancellationToken);
}
