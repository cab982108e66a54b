using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Billing.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace Billing.Application.Events;

/// <summary>
/// Sends the outbox's pending events to the Service Bus topic, per customer in the order they occurred: <c>MessageId</c>
/// the event id (the topic's duplicate detection drops a resend), <c>SessionId</c> the customer (sessions keep a
/// customer's events in order), <c>Subject</c> the event type, the event JSON as body. The SDK retries each send
/// (its default exponential policy); a send that still fails is retried by later passes with the webhooks' back-off
/// (<see cref="WebhookOptions.RetryBase"/> to <see cref="WebhookOptions.RetryMax"/>), and holds back only that
/// customer's later events. Retry timing follows <c>retryClock</c>, the system clock in the host.
/// </summary>
public sealed partial class EventTopicDispatcher(IntegrationEventOutbox outbox, EventTopic topic, IOptions<WebhookOptions> options, TimeProvider retryClock, ILogger<EventTopicDispatcher> logger)
{
    public const string ContentType = "application/json";

    /// <summary>One pass over the pending events; returns how many the topic accepted. Reads nothing without a topic.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        if (!topic.IsConfigured)
        {
            return 0;
        }

        var sent = 0;
        foreach (var customer in (await outbox.PendingForTopicAsync(ct)).GroupBy(e => e.Customer, StringComparer.Ordinal))
        {
            foreach (var stored in customer)
            {
                var now = retryClock.GetUtcNow();
                if (stored.TopicNextAttemptAt > now || !await TrySendAsync(stored, now, ct))
                {
                    break;
                }

                sent++;
            }
        }

        return sent;
    }

    /// <summary>The message an event travels in.</summary>
    public static ServiceBusMessage Message(StoredIntegrationEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new ServiceBusMessage(BinaryData.FromString(stored.Body))
        {
            MessageId = stored.Id,
            SessionId = stored.Customer,
            Subject = stored.Type.Name(),
            ContentType = ContentType,
        };
    }

    private async Task<bool> TrySendAsync(StoredIntegrationEvent stored, DateTimeOffset now, CancellationToken ct)
    {
        string error;
        try
        {
            await topic.Sender.SendMessageAsync(Message(stored), ct);
            await outbox.UpdateTopicAsync(stored with { Topic = TopicDelivery.Sent, TopicAttempts = stored.TopicAttempts + 1, TopicLastError = null, TopicSentAt = now }, ct);
            return true;
        }
        catch (Exception ex) when (ex is ServiceBusException or AuthenticationFailedException or UnauthorizedAccessException or TimeoutException)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }

        var attempts = stored.TopicAttempts + 1;
        var settings = options.Value;
        var wait = TimeSpan.FromTicks(Math.Min(settings.RetryMax.Ticks, settings.RetryBase.Ticks * (1L << Math.Min(attempts - 1, 20))));
        await outbox.UpdateTopicAsync(stored with { TopicAttempts = attempts, TopicNextAttemptAt = now + wait, TopicLastError = error }, ct);
        LogRetry(stored.Type.Name(), stored.Id, stored.Customer, attempts, error, wait);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Type} {Id} of {Customer} to the events topic failed, attempt {Attempts}: {Error}; retry in {Wait}")]
    private partial void LogRetry(string type, string id, string customer, int attempts, string error, TimeSpan wait);
}
