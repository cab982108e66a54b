using Billing.Domain.Ordering;

namespace Billing.Domain.Metering;

/// <summary>
/// A validated usage event. <see cref="Quantity"/> is what the meter reads (1 for a count meter);
/// <see cref="DistinctValue"/> is the value a unique-count meter counts, null for other meters.
/// <see cref="ReceivedAt"/> is when the pipeline got it, which decides whether it is late.
/// </summary>
public sealed record UsageEvent(
    string Id,
    string Customer,
    string Meter,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    decimal Quantity,
    string? DistinctValue)
{
    /// <summary>Event-time order: by <see cref="At"/>, ties by id in code point order.</summary>
    public static IComparer<UsageEvent> EventTimeOrder { get; } = Comparer<UsageEvent>.Create((a, b) =>
    {
        var byTime = a.At.CompareTo(b.At);
        return byTime != 0 ? byTime : CodePointOrder.Instance.Compare(a.Id, b.Id);
    });
}
