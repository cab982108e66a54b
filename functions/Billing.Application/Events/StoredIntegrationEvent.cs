namespace Billing.Application.Events;

/// <summary>
/// An outbox row: the event (<see cref="Body"/> is the JSON every sink carries), whether it was handed to the webhook
/// delivery log, and its Service Bus topic state (attempts, when to try again, the last error, when it was sent).
/// </summary>
public sealed record StoredIntegrationEvent(
    string Id,
    IntegrationEventType Type,
    DateTimeOffset OccurredAt,
    string Customer,
    string Body,
    bool FannedOut,
    TopicDelivery Topic,
    int TopicAttempts,
    DateTimeOffset TopicNextAttemptAt,
    string? TopicLastError,
    DateTimeOffset? TopicSentAt);

/// <summary>Where an event stands with the Service Bus topic.</summary>
public enum TopicDelivery
{
    /// <summary>No topic was configured when the event occurred.</summary>
    NotSent,

    /// <summary>Waiting to be sent (or retried).</summary>
    Pending,

    /// <summary>Accepted by the topic.</summary>
    Sent,
}
