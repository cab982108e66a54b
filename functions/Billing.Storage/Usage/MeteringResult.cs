namespace Billing.Storage.Usage;

/// <summary>
/// What metering a batch did: events newly stored and counted, identical repeats ignored, repeats of an id with
/// different content refused, and events Table Storage would not hold (<see cref="Parked"/>). Refused and parked
/// events change no aggregate; the caller records them for operators.
/// </summary>
public sealed record MeteringResult(int Metered, int Duplicates, IReadOnlyList<MeteringConflict> Conflicts)
{
    public static MeteringResult Empty { get; } = new(0, 0, []);

    /// <summary>The ids of the events this call stored and counted (so a caller metering several batches at once can tell each its share).</summary>
    public IReadOnlyList<string> MeteredIds { get; init; } = [];

    /// <summary>Events the Table service refused to store (a property too large, a key too long): set aside, never counted.</summary>
    public IReadOnlyList<ParkedUsage> Parked { get; init; } = [];

    public MeteringResult Plus(MeteringResult other) =>
        new(Metered + other.Metered, Duplicates + other.Duplicates, [.. Conflicts, .. other.Conflicts])
        {
            MeteredIds = [.. MeteredIds, .. other.MeteredIds],
            Parked = [.. Parked, .. other.Parked],
        };
}

/// <summary>An event id that was already metered with different content; <see cref="At"/> is the refused event's time.</summary>
public sealed record MeteringConflict(string EventId, string Customer, DateTimeOffset At, string Reason)
{
    /// <summary>The scenario format's wording of this refusal.</summary>
    public const string DifferentContent = "duplicate id with different content";

    public static MeteringConflict Of(MeterableUsage usage) =>
        new(usage.Event.Id, usage.Event.Customer, usage.Event.At, DifferentContent);
}

/// <summary>An event the Table service would not store, with the service's reason; it was not counted.</summary>
public sealed record ParkedUsage(MeterableUsage Usage, string Reason);
