using System.Text.Json.Serialization;

namespace Billing.Application.Ingestion;

/// <summary>An event of a request that was not accepted: its position, its id when readable, and why.</summary>
public sealed record UsageRejection(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("field")] string? Field,
    [property: JsonPropertyName("reason")] string Reason);
