using System.Text.Json.Serialization;

namespace Billing.Application.Settlement;

/// <summary>
/// What a settlement read, kept write-once in the <c>settlements</c> container: the period's usage buckets and the
/// late usage (usage that reached earlier, settled periods since they were settled) billed on this invoice.
/// Settling again, or replaying the account later, reads these instead of the live rows, so an issued invoice
/// is always reproduced exactly. <see cref="Documents"/> names the catalog version and the customer documents that priced
/// the period; every later replay collects the period under them (null in snapshots written before they were recorded:
/// such a period follows the current documents). <see cref="IssuedAt"/>: the real instant its invoice was issued, when
/// that was later than the scheduled instant (period end plus grace) by more than
/// <see cref="SettlementService.LateIssueTolerance"/>; its dates and dunning count from it (null: issued on schedule).
/// </summary>
public sealed record SettlementSnapshot(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("settledAt")] DateTimeOffset SettledAt,
    [property: JsonPropertyName("usage")] IReadOnlyList<UsageBucket> Usage,
    [property: JsonPropertyName("late")] IReadOnlyList<UsageBucket> Late,
    [property: JsonPropertyName("documents")] Accounts.RecordedDocuments? Documents = null,
    [property: JsonPropertyName("issuedAt")] DateTimeOffset? IssuedAt = null);
