namespace Billing.Domain.Periods;

/// <summary>
/// The instants billing inputs may name: from 2000-01-01T00:00Z up to, not including, 2100-01-01T00:00Z. Every period,
/// allocation and due date of any plan inside it is computable (an instant near year 9999 overflows a month's
/// arithmetic, and one in year 1 would replay centuries); an input naming an instant outside it is refused where it
/// enters (catalog, customer and scenario documents, payments, payment plans, the simulated clock).
/// </summary>
public static class BillingHorizon
{
    /// <summary>The first instant inside the horizon.</summary>
    public static readonly DateTimeOffset Start = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant past the horizon.</summary>
    public static readonly DateTimeOffset End = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What a refusal says of an instant outside the horizon.</summary>
    public const string Problem = "outside the billing horizon (2000-01-01 to 2099-12-31, UTC)";

    public static bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
