namespace Billing.Storage.Usage;

/// <summary>
/// What metering a batch did: events newly stored and counted, identical repeats ignored, and repeats of an
/// id with different content refused (recorded for operators).
/// </summary>
public sealed record MeteringResult(int Metered, int Duplicates, IReadOnlyList<MeteringConflict> Conflicts)
{
    public static MeteringResult Empty { get; } = new(0, 0, []);

    /// <summary>The ids of the events this call stored and counted (so a caller metering several batches at once can tell each its share).</summary>
    public IReadOnlyList<string> MeteredIds { get; init; } = [];

    public MeteringResult Plus(MeteringResult other) =>
        new(Metered + other.Metered, Duplicates + other.Duplicates, [.. Conflicts, .. other.Conflicts]) { MeteredIds = [.. MeteredIds, .. other.MeteredIds] };
}

/// <summary>An event id that was already metered with different content.</summary>
public sealed record MeteringConflict(string EventId, string Customer, string Reason);
