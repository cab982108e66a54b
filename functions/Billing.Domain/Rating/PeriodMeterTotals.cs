using Billing.Domain.Ordering;

namespace Billing.Domain.Rating;

/// <summary>
/// Running totals of one meter in one period: the billable sum after deduction (sum and count meters),
/// the largest value (max meters), the last event's value with its time and id (latest meters), the
/// distinct values (unique-count meters) and, when a percentage charge prices the meter, each event's
/// billable part in event-time order. Unrounded.
/// </summary>
public sealed class PeriodMeterTotals
{
    public decimal BillableSum { get; set; }

    public decimal Max { get; set; }

    public HashSet<string>? Distinct { get; set; }

    public decimal FromPacks { get; set; }

    public decimal FromFreeQuota { get; set; }

    public int Events { get; set; }

    /// <summary>The value of the last event by event time (at, then the greater id); 0 without events.</summary>
    public decimal Latest { get; private set; }

    /// <summary>UTC ticks of the event that set <see cref="Latest"/>.</summary>
    public long LatestAtTicks { get; private set; }

    /// <summary>Id of the event that set <see cref="Latest"/>; null without events.</summary>
    public string? LatestId { get; private set; }

    /// <summary>Each event's billable part with its event time, in event-time order; null unless kept.</summary>
    public List<EventValue>? EventValues { get; set; }

    /// <summary>Keeps the value when the event comes after the one that set <see cref="Latest"/> (at, then id).</summary>
    public void OfferLatest(long atTicks, string id, decimal value)
    {
        if (LatestId is null || atTicks > LatestAtTicks || (atTicks == LatestAtTicks && CodePointOrder.Instance.Compare(id, LatestId) > 0))
        {
            (LatestAtTicks, LatestId, Latest) = (atTicks, id, value);
        }
    }

    /// <summary>The per-event billable values in event-time order, or null when they are not kept.</summary>
    public IReadOnlyList<decimal>? EventBillables() => EventValues?.ConvertAll(e => e.Billable);

    public PeriodMeterTotals Clone() => new()
    {
        BillableSum = BillableSum,
        Max = Max,
        Distinct = Distinct is null ? null : new HashSet<string>(Distinct, StringComparer.Ordinal),
        FromPacks = FromPacks,
        FromFreeQuota = FromFreeQuota,
        Events = Events,
        Latest = Latest,
        LatestAtTicks = LatestAtTicks,
        LatestId = LatestId,
        EventValues = EventValues is null ? null : [.. EventValues],
    };
}
