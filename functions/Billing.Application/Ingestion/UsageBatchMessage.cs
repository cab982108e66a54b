using System.Text.Json.Serialization;

namespace Billing.Application.Ingestion;

/// <summary>
/// The message on the <c>usage-batches</c> queue: the accepted events of one request, inline; or gzip-compressed
/// (<see cref="Compressed"/>, Base64 of the gzip of the events' JSON array) when plain they would not fit a queue
/// message (64 KiB); or, when not even that fits, the name of the blob in <c>usage-payloads</c> that holds them.
/// </summary>
public sealed record UsageBatchMessage(
    [property: JsonPropertyName("batch")] string BatchId,
    [property: JsonPropertyName("events")] IReadOnlyList<QueuedUsage>? Events,
    [property: JsonPropertyName("blob")] string? Blob)
{
    [JsonPropertyName("gz")]
    public string? Compressed { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the request that queued the batch (absent in older messages): metering continues its trace.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }
}

/// <summary>One accepted event as queued: validated values and the event object as received (compact JSON, which also identifies its content).</summary>
public sealed record QueuedUsage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("meter")] string Meter,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("receivedAt")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("distinct")] string? Distinct,
    [property: JsonPropertyName("body")] string Body);
