namespace Billing.Workflows.Runtime;

/// <summary>What one call into the runtime did: the instance as it left it, whether the call created it, and how many commands it ran.</summary>
public sealed record WorkflowRun(WorkflowInstance Instance, bool Created, int CommandsRun);
