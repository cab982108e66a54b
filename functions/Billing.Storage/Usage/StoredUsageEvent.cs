namespace Billing.Storage.Usage;

/// <summary>A raw event as stored, for drill-down and audit.</summary>
public sealed record StoredUsageEvent(
    string Id,
    string Customer,
    string Meter,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    decimal Quantity,
    string? DistinctValue,
    bool Late,
    string Body);
