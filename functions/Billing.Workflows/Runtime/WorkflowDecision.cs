namespace Billing.Workflows.Runtime;

/// <summary>A transition's result: the new state (JSON), the commands to run, and whether the workflow has ended.</summary>
public sealed record WorkflowDecision(string State, IReadOnlyList<WorkflowCommand> Commands, bool Completed = false);
