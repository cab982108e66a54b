using System.Text.Json.Serialization;

namespace Billing.Application.Ingestion;

/// <summary>
/// A customer's usage of one meter in local-time buckets over [<see cref="From"/>, <see cref="To"/>):
/// for sum meters the summed quantity, count meters the number of events, max meters the largest value,
/// unique-count meters the distinct values (day and month buckets only). Late usage is included.
/// </summary>
public sealed record UsageSeries(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("meter")] string Meter,
    [property: JsonPropertyName("aggregation")] string Aggregation,
    [property: JsonPropertyName("granularity")] string Granularity,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("points")] IReadOnlyList<UsagePoint> Points);

/// <summary>One bucket: its start (UTC), the value as a decimal string, and how many events it holds.</summary>
public sealed record UsagePoint(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("events")] long Events);
