using System.Text.Json.Serialization;

namespace Billing.Application.Ingestion;

/// <summary>
/// The answer to <c>POST /api/usage</c>: events queued (durably, not yet metered), identical repeats folded within
/// the request, and the events rejected at once with reasons. Whether a queued event repeats one of an earlier
/// request is known only when it is metered: an identical repeat then counts once, and one with different content
/// is refused and listed at <c>GET /api/customers/{id}/events/rejected</c>, as is an event storage refuses.
/// </summary>
public sealed record IntakeResult(
    [property: JsonPropertyName("queued")] int Queued,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("rejected")] IReadOnlyList<UsageRejection> Rejected);
