namespace Billing.Storage.Usage;

/// <summary>
/// The totals of one meter in one local hour: on-time usage (sum, count, max) and usage that arrived after
/// its period was settled (late), kept apart because it is invoiced later as late lines.
/// </summary>
public sealed record HourlyUsage(decimal Sum, long Count, decimal Max, decimal LateSum, long LateCount, decimal LateMax)
{
    public static HourlyUsage None { get; } = new(0m, 0, 0m, 0m, 0, 0m);

    public HourlyUsage Add(MeterableUsage usage) => usage.Late
        ? this with { LateSum = LateSum + usage.Event.Quantity, LateCount = LateCount + 1, LateMax = Math.Max(LateMax, usage.Event.Quantity) }
        : this with { Sum = Sum + usage.Event.Quantity, Count = Count + 1, Max = Math.Max(Max, usage.Event.Quantity) };

    public HourlyUsage Merge(HourlyUsage other) => new(
        Sum + other.Sum, Count + other.Count, Math.Max(Max, other.Max),
        LateSum + other.LateSum, LateCount + other.LateCount, Math.Max(LateMax, other.LateMax));
}
