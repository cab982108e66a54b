namespace Billing.Workflows.Timeline;

/// <summary>
/// One collection or alert action on a customer's timeline. <see cref="Period"/> names the invoice period
/// (dunning) or the current period (credit limit); <see cref="Pack"/> the pack of a pack alert.
/// <see cref="Detail"/> is a human-readable note (not part of the scenario comparison). <see cref="Cause"/> says which
/// rule made it: <see cref="TimelineCause.Dunning"/>, <see cref="TimelineCause.CreditLimit"/> or <see cref="TimelineCause.Alert"/>
/// (a credit-limit suspension is tracked apart from dunning's).
/// </summary>
public sealed record TimelineEntry(string Customer, DateTimeOffset At, string Action, string? Period, string? Pack, string? Detail = null)
{
    public string Cause { get; init; } = TimelineCause.Dunning;
}

/// <summary>Which rule recorded a timeline entry.</summary>
public static class TimelineCause
{
    public const string Dunning = "dunning";
    public const string CreditLimit = "credit_limit";
    public const string Alert = "alert";
}
