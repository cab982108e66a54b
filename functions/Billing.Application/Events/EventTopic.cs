using Azure.Messaging.ServiceBus;

namespace Billing.Application.Events;

/// <summary>
/// The Service Bus topic integration events are published to (<c>Billing__EventsTopic</c>, default <c>billing-events</c>),
/// or none when no <c>ServiceBusConnection</c> is configured. Holds the one sender of the app.
/// </summary>
public sealed class EventTopic(ServiceBusSender? sender)
{
    public const string DefaultName = "billing-events";

    public bool IsConfigured => sender is not null;

    /// <summary>The sender; only when <see cref="IsConfigured"/>.</summary>
    public ServiceBusSender Sender => sender ?? throw new InvalidOperationException("no Service Bus topic is configured");
}
