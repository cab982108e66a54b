namespace Billing.Domain.Metering;

/// <summary>
/// A usage event as it arrived, before validation. <see cref="Fingerprint"/> identifies its whole content,
/// so a repeat of the same id can be told apart as identical (ignored) or different (rejected).
/// <see cref="Measured"/> is set instead of properties when the value was read before (usage replayed from
/// metered aggregates): a count bucket then carries its number of events as the quantity.
/// </summary>
public sealed record RawUsageEvent(
    string Id,
    string Customer,
    string Meter,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, EventProperty>? Properties,
    string Fingerprint)
{
    public ReadingResult? Measured { get; init; }
}
