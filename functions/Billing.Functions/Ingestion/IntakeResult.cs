using System.Text.Json.Serialization;

namespace Billing.Functions.Ingestion;

/// <summary>
/// The answer to <c>POST /api/usage</c>: events accepted (durably queued), identical repeats within the
/// request, and the rejected ones with reasons. Repeats of events accepted by earlier requests are counted
/// once when metered, whatever this answer says.
/// </summary>
public sealed record IntakeResult(
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("rejected")] IReadOnlyList<UsageRejection> Rejected);
