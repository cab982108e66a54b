using Billing.Domain.Catalog;
using Billing.Domain.Periods;

namespace Billing.Domain.Quotas;

/// <summary>
/// The free quota of one meter of one rating subject. A per-period quota is a fresh grant in every
/// billing period (never prorated); a once quota is one grant usable from the subscription's start.
/// </summary>
public sealed class FreeQuotaLedger
{
    private readonly FreeQuota? grant;
    private readonly DateTimeOffset subscriptionStart;
    private readonly Func<DateTimeOffset, DateTimeOffset> periodStartOf;
    private readonly Dictionary<DateTimeOffset, decimal> usedByPeriod;
    private decimal usedOnce;

    // The period consumed from last, kept apart from usedByPeriod (which holds it only once another period is used).
    private bool hasCurrent;
    private DateTimeOffset currentPeriod;
    private decimal currentUsed;

    public FreeQuotaLedger(FreeQuota? grant, DateTimeOffset subscriptionStart, Func<DateTimeOffset, DateTimeOffset> periodStartOf)
        : this(grant, subscriptionStart, periodStartOf, [], 0m)
    {
    }

    private FreeQuotaLedger(FreeQuota? grant, DateTimeOffset subscriptionStart, Func<DateTimeOffset, DateTimeOffset> periodStartOf, Dictionary<DateTimeOffset, decimal> usedByPeriod, decimal usedOnce)
    {
        this.grant = grant;
        this.subscriptionStart = subscriptionStart;
        this.periodStartOf = periodStartOf;
        this.usedByPeriod = usedByPeriod;
        this.usedOnce = usedOnce;
    }

    public bool IsEmpty => grant is null || grant.Quantity == 0m;

    public FreeQuotaLedger Clone() => new(grant, subscriptionStart, periodStartOf, new Dictionary<DateTimeOffset, decimal>(usedByPeriod), usedOnce)
    {
        hasCurrent = hasCurrent,
        currentPeriod = currentPeriod,
        currentUsed = currentUsed,
    };

    /// <summary>Takes up to <paramref name="quantity"/> of the grant that covers <paramref name="at"/>; returns what it took.</summary>
    public decimal Consume(DateTimeOffset at, decimal quantity)
    {
        if (grant is null || at < subscriptionStart || quantity == 0m)
        {
            return 0m;
        }

        if (grant.Per == QuotaRenewal.Once)
        {
            var part = Math.Min(grant.Quantity - usedOnce, quantity);
            usedOnce += part;
            return part;
        }

        var period = periodStartOf(at);
        if (!hasCurrent || period != currentPeriod)
        {
            if (hasCurrent)
            {
                usedByPeriod[currentPeriod] = currentUsed;
            }

            (hasCurrent, currentPeriod, currentUsed) = (true, period, usedByPeriod.GetValueOrDefault(period));
        }

        var taken = Math.Min(grant.Quantity - currentUsed, quantity);
        currentUsed += taken;
        return taken;
    }

    private decimal UsedIn(DateTimeOffset period) =>
        hasCurrent && period == currentPeriod ? currentUsed : usedByPeriod.GetValueOrDefault(period);

    /// <summary>The grant left for the period that contains the instant (for quota views and estimates).</summary>
    public decimal RemainingAt(DateTimeOffset at)
    {
        if (grant is null || at < subscriptionStart)
        {
            return 0m;
        }

        return grant.Per == QuotaRenewal.Once
            ? grant.Quantity - usedOnce
            : grant.Quantity - UsedIn(periodStartOf(at));
    }
}
