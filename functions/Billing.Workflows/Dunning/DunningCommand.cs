using Billing.Domain.Dunning;

namespace Billing.Workflows.Dunning;

/// <summary>What a dunning transition asks the runtime to do; each has a deterministic id for idempotence.</summary>
public abstract record DunningCommand(string Id);

/// <summary>Fire <see cref="DunningStepDue"/> for the step at <see cref="DueAt"/>.</summary>
public sealed record ScheduleDunningStep(string Id, int StepIndex, DateTimeOffset DueAt) : DunningCommand(Id);

/// <summary>Carry out a step (email a reminder, throttle, back up, suspend).</summary>
public sealed record RunDunningAction(string Id, DunningAction Action, int StepIndex) : DunningCommand(Id);
