using Billing.Domain.Ordering;
using Billing.Domain.Packs;
using Billing.Domain.Payments;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Something due at an instant. <see cref="Rank"/> orders things due at the same instant: pack purchases,
/// settlement, usage events, payments, installments, (dunning timers,) pack-expiring alerts (pack expiry and carry-over
/// come first by construction: balances move before any consumption at that instant).
/// </summary>
internal abstract record Happening(DateTimeOffset At, int Rank, string Customer, long Order);

internal sealed record PackPurchaseDue(DateTimeOffset At, string Customer, long Order, PrepaidPack Pack)
    : Happening(At, 1, Customer, Order);

internal sealed record SettlementDue(DateTimeOffset At, string Customer, long Order)
    : Happening(At, 2, Customer, Order);

internal sealed record PaymentDue(DateTimeOffset At, string Customer, long Order, Payment Payment)
    : Happening(At, 4, Customer, Order);

internal sealed record PaymentPlanAgreed(DateTimeOffset At, string Customer, long Order, PaymentPlan Plan)
    : Happening(At, 4, Customer, Order);

internal sealed record InstallmentFallsDue(DateTimeOffset At, string Customer, long Order, PaymentPlan Plan, int Installment)
    : Happening(At, 5, Customer, Order);

internal sealed record PackExpiringDue(DateTimeOffset At, string Customer, long Order, PrepaidPack Pack)
    : Happening(At, 6, Customer, Order);

/// <summary>Orders happenings by instant, rank, customer id and then the order they were scheduled in.</summary>
internal sealed class HappeningOrder : IComparer<Happening>
{
    public static HappeningOrder Instance { get; } = new();

    /// <summary>The rank usage events have between the happenings above.</summary>
    public const int UsageRank = 3;

    /// <summary>Dunning timers (workflow timers) fire after the happenings of this rank at their instant and before the later ranks.</summary>
    public const int TimerRank = 5;

    public int Compare(Happening? x, Happening? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var c = x.At.CompareTo(y.At);
        if (c == 0)
        {
            c = x.Rank.CompareTo(y.Rank);
        }

        if (c == 0)
        {
            c = CodePointOrder.Instance.Compare(x.Customer, y.Customer);
        }

        return c != 0 ? c : x.Order.CompareTo(y.Order);
    }
}
