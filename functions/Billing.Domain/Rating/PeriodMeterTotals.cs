namespace Billing.Domain.Rating;

/// <summary>
/// Running totals of one meter in one period: the billable sum after deduction (sum and count meters),
/// the largest value (max meters) and the distinct values (unique-count meters). Unrounded.
/// </summary>
public sealed class PeriodMeterTotals
{
    public decimal BillableSum { get; set; }

    public decimal Max { get; set; }

    public HashSet<string>? Distinct { get; set; }

    public decimal FromPacks { get; set; }

    public decimal FromFreeQuota { get; set; }

    public int Events { get; set; }

    public PeriodMeterTotals Clone() => new()
    {
        BillableSum = BillableSum,
        Max = Max,
        Distinct = Distinct is null ? null : new HashSet<string>(Distinct, StringComparer.Ordinal),
        FromPacks = FromPacks,
        FromFreeQuota = FromFreeQuota,
        Events = Events,
    };
}
