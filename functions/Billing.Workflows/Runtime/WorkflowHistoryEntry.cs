namespace Billing.Workflows.Runtime;

/// <summary>One transition of an instance, as operators read it: when, what happened, and a short detail.</summary>
public sealed record WorkflowHistoryEntry(DateTimeOffset At, string Event, string? Detail);
