using NCrontab;

namespace Billing.Application.Configuration;

/// <summary>A resolved timer schedule: the setting it came from (null for a literal expression), the expression, and its occurrences.</summary>
public sealed record TimerSchedule(string? Setting, string Expression, CrontabSchedule Occurrences)
{
    /// <summary>The first occurrence strictly after <paramref name="utc"/> (UTC).</summary>
    public DateTime NextAfter(DateTime utc) => Occurrences.GetNextOccurrence(utc);
}
