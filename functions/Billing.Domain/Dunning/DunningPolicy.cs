namespace Billing.Domain.Dunning;

/// <summary>
/// The dunning ladder run for each usage invoice not fully paid: its steps in policy order (which also
/// orders steps due at the same instant). The default reminds 3 days before and on the due date,
/// throttles after 7 days, backs up and suspends after 14.
/// </summary>
public sealed record DunningPolicy(IReadOnlyList<DunningStep> Steps)
{
    public static DunningPolicy Default { get; } = new(
    [
        new DunningStep(-3, DunningAction.Remind),
        new DunningStep(0, DunningAction.Remind),
        new DunningStep(7, DunningAction.Throttle),
        new DunningStep(14, DunningAction.Backup),
        new DunningStep(14, DunningAction.Suspend),
    ]);
}
