using System.Text.Json.Serialization;

namespace Billing.Application.Settlement;

/// <summary>
/// Metered usage of one customer and meter from <see cref="Start"/>: an hour of the aggregate rows (summed
/// over shards), a single raw event (in an hour that a pack's validity starts or ends inside), or, for
/// unique-count meters, the distinct values of a day. A single event of a meter priced per event (a
/// <c>latest</c> meter, or a meter a <c>percentage</c> charge prices) carries its own <see cref="Id"/>, with
/// <see cref="Start"/> its <c>at</c>. Quantities are exact decimals.
/// </summary>
public sealed record UsageBucket(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("meter")] string Meter,
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("sum")] decimal Sum,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("max")] decimal Max,
    [property: JsonPropertyName("distinct")] IReadOnlyList<string>? Distinct = null,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id = null);
