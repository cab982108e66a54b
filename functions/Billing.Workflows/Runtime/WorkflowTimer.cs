namespace Billing.Workflows.Runtime;

/// <summary>A timer row: the instance it belongs to, the command that set it, and when it is due.</summary>
public sealed record WorkflowTimer(string Type, string InstanceId, string CommandId, DateTimeOffset DueAt);
