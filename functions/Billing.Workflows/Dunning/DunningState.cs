using Billing.Domain.Dunning;

namespace Billing.Workflows.Dunning;

/// <summary>
/// The dunning of one unpaid invoice: the steps with their due instants (policy order), how many have
/// run, whether a throttle or suspend step has run, and whether it has ended (paid or ladder done).
/// </summary>
public sealed record DunningState(
    string Customer,
    string InvoiceKey,
    string? Period,
    IReadOnlyList<ScheduledStep> Steps,
    int StepsRun,
    bool RestrictedService,
    DunningStatus Status)
{
    public bool IsActive => Status == DunningStatus.Active;
}

/// <summary>A step of the policy with the instant it is due for this invoice.</summary>
public sealed record ScheduledStep(int Index, DunningStep Step, DateTimeOffset DueAt);

/// <summary>Where a dunning workflow stands.</summary>
public enum DunningStatus
{
    Active,
    Paid,
    Exhausted,
}
