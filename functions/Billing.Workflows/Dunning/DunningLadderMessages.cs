using Billing.Domain.Dunning;

namespace Billing.Workflows.Dunning;

/// <summary>Input of a <see cref="DunningLadderWorkflow"/>: the unpaid usage invoice, its customer's ladder, and when it was issued and is due.</summary>
public sealed record DunningLadderStart(string Customer, string InvoiceKey, string? Period, DunningPolicy Policy, DateTimeOffset IssuedAt, DateTimeOffset DueAt);

/// <summary>
/// Data of the <c>resume</c> event: a payment plan's installment was missed, so the ladder goes on from the step it had
/// reached, its instants counted from the installment's <see cref="DueAt"/> (and never before <see cref="At"/>).
/// </summary>
public sealed record DunningResume(DateTimeOffset At, DateTimeOffset DueAt);

/// <summary>Input of the <c>dunning-step</c> activity: the step to carry out (step <see cref="StepIndex"/> of <see cref="StepCount"/>, 0-based).</summary>
public sealed record DunningStepTaken(string Customer, string InvoiceKey, string? Period, DunningAction Action, int StepIndex, int StepCount);
