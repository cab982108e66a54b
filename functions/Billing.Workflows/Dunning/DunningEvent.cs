namespace Billing.Workflows.Dunning;

/// <summary>What a dunning workflow reacts to.</summary>
public abstract record DunningEvent;

/// <summary>The step with this index fell due (its timer fired).</summary>
public sealed record DunningStepDue(int StepIndex) : DunningEvent;

/// <summary>The invoice was paid in full.</summary>
public sealed record DunningInvoicePaid : DunningEvent;

/// <summary>A payment plan was agreed for the invoice: the ladder holds where it is (the steps run so far are kept).</summary>
public sealed record DunningPlanAgreed : DunningEvent;

/// <summary>
/// A payment plan's installment was missed: a held ladder goes on from the step it had reached, its instants counted
/// from the installment's <see cref="DueAt"/> (and never before <see cref="At"/>).
/// </summary>
public sealed record DunningResumed(DateTimeOffset At, DateTimeOffset DueAt) : DunningEvent;
