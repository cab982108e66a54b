using Azure.Messaging.ServiceBus;

namespace Billing.Application.Events;

/// <summary>
/// The Service Bus topic integration events are published to (<c>Billing__EventsTopic</c>, default <c>billing-events</c>),
/// or none when no <c>ServiceBusConnection</c> is configured. Holds the app's one sender, and the client it came from,
/// closed when the host stops.
/// </summary>
public sealed class EventTopic(ServiceBusSender? sender, ServiceBusClient? client = null) : IAsyncDisposable
{
    public const string DefaultName = "billing-events";

    public bool IsConfigured => sender is not null;

    /// <summary>The sender; only when <see cref="IsConfigured"/>.</summary>
    public ServiceBusSender Sender => sender ?? throw new InvalidOperationException("no Service Bus topic is configured");

    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
        }
    }
}
