using System.Text.Json.Serialization;

namespace Billing.Application.Ingestion;

/// <summary>
/// An event refused after the webhook answered (by metering): its id, its event time, why (worded as the scenario
/// format words it, e.g. <c>duplicate id with different content</c>) and when it was refused. Events the webhook
/// refuses at once are in its answer instead.
/// </summary>
public sealed record RejectedEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("rejectedAt")] DateTimeOffset RejectedAt);
