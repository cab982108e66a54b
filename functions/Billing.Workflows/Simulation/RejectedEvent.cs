namespace Billing.Workflows.Simulation;

/// <summary>An event that was not metered, and why.</summary>
public sealed record RejectedEvent(string Id, string Reason);
