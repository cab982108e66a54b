namespace Billing.Application.Events;

/// <summary>
/// Where integration events are published beyond the webhooks: the Service Bus topic <c>Billing__EventsTopic</c>, used
/// only when a <c>ServiceBusConnection</c> is configured (see <see cref="IntegrationEventsExtensions"/>).
/// </summary>
public sealed class IntegrationEventOptions
{
    public string EventsTopic { get; set; } = EventTopic.DefaultName;
}
