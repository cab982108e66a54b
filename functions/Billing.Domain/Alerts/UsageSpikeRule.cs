namespace Billing.Domain.Alerts;

/// <summary>
/// A usage spike: an hour whose usage exceeds <see cref="Factor"/> times the median of the trailing
/// <see cref="TrailingHours"/> hourly totals (hours without usage count as 0). No alert without a baseline:
/// a median of 0 (mostly idle history) or fewer than <see cref="MinimumHistoryHours"/> hours since the first
/// usage would make every busy hour a spike.
/// </summary>
public sealed record UsageSpikeRule(decimal Factor = 5m, int TrailingHours = 168, int MinimumHistoryHours = 24)
{
    /// <summary>The baseline: the median of the trailing hourly totals, zeros for idle hours included.</summary>
    public decimal Median(IReadOnlyList<decimal> trailingHourTotals)
    {
        var totals = new decimal[TrailingHours];
        for (var i = 0; i < Math.Min(TrailingHours, trailingHourTotals.Count); i++)
        {
            totals[i] = trailingHourTotals[i];
        }

        Array.Sort(totals);
        var middle = TrailingHours / 2;
        return TrailingHours % 2 == 1 ? totals[middle] : (totals[middle - 1] + totals[middle]) / 2m;
    }

    /// <summary>True when the hour's total is a spike against the trailing history.</summary>
    public bool IsSpike(decimal hourTotal, IReadOnlyList<decimal> trailingHourTotals, int hoursOfHistory)
    {
        if (hoursOfHistory < MinimumHistoryHours)
        {
            return false;
        }

        var median = Median(trailingHourTotals);
        return median > 0m && hourTotal > Factor * median;
    }
}
