using Billing.Domain.Ordering;

namespace Billing.Domain.Rating;

/// <summary>One event's billable part (after deduction) with its event time and id, for per-event pricing.</summary>
public readonly record struct EventValue(long AtTicks, string Id, decimal Billable)
{
    /// <summary>Event-time order: by time, ties by id in code point order, as the rest of the rating orders events.</summary>
    public static int Compare(EventValue a, EventValue b)
    {
        var byTime = a.AtTicks.CompareTo(b.AtTicks);
        return byTime != 0 ? byTime : CodePointOrder.Instance.Compare(a.Id, b.Id);
    }
}
