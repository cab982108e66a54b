namespace Billing.Workflows.Simulation;

/// <summary>What a pack can still give at the end of the run (0 once expired).</summary>
public sealed record PackRemaining(string Customer, string Code, decimal Remaining);
