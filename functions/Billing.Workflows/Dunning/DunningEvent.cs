namespace Billing.Workflows.Dunning;

/// <summary>What a dunning workflow reacts to.</summary>
public abstract record DunningEvent;

/// <summary>The step with this index fell due (its timer fired).</summary>
public sealed record DunningStepDue(int StepIndex) : DunningEvent;

/// <summary>The invoice was paid in full.</summary>
public sealed record DunningInvoicePaid : DunningEvent;
