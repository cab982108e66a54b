using NCrontab;

namespace Billing.Application.Configuration;

/// <summary>A resolved timer schedule: the setting it came from (null for a literal expression), the expression, and its occurrences.</summary>
public sealed record TimerSchedule(string? Setting, string Expression, CrontabSchedule Occurrences)
{
    /// <summary>The first occurrence strictly after <paramref name="utc"/> (UTC).</summary>
    public DateTime NextAfter(DateTime utc) => Occurrences.GetNextOccurrence(utc);

    /// <summary>The latest occurrence at or before <paramref name="utc"/> (UTC): the occurrence a run at that instant belongs to.</summary>
    public DateTime LatestAtOrBefore(DateTime utc)
    {
        foreach (TimeSpan back in (TimeSpan[])[TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(366 * 5)])
        {
            DateTime occurrence = NextAfter(utc - back);
            if (occurrence <= utc)
            {
                for (DateTime next = NextAfter(occurrence); next <= utc; next = NextAfter(occurrence))
                {
                    occurrence = next;
                }

                return occurrence;
            }
        }

        throw new InvalidOperationException($"The schedule '{Expression}' has no occurrence in the five years before {utc:O}.");
    }
}
