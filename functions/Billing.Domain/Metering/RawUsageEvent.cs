namespace Billing.Domain.Metering;

/// <summary>
/// A usage event as it arrived, before validation. <see cref="Fingerprint"/> identifies its whole content,
/// so a repeat of the same id can be told apart as identical (ignored) or different (rejected).
/// </summary>
public sealed record RawUsageEvent(
    string Id,
    string Customer,
    string Meter,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, EventProperty>? Properties,
    string Fingerprint);
