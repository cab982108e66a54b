namespace Billing.Storage.Collections;

/// <summary>
/// One notification for one outgoing webhook: its place in the customer's sequence (<see cref="Sequence"/>, ordered),
/// the JSON payload, and how delivery went (<c>pending</c> or <c>delivered</c>, attempts, next attempt, last error).
/// </summary>
public sealed record WebhookDelivery(
    int Webhook,
    string Customer,
    string Sequence,
    string Payload,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? DeliveredAt);
