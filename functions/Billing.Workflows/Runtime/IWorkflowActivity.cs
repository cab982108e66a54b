namespace Billing.Workflows.Runtime;

/// <summary>
/// A named side effect a workflow runs (settle a customer, render, email). It must be idempotent by
/// <see cref="WorkflowActivityContext.CommandId"/>: after a crash the runtime runs the same command again.
/// Its output (JSON) is fed back to the workflow as <see cref="ActivityCompleted"/>.
/// </summary>
public interface IWorkflowActivity
{
    string Name { get; }

    Task<string> RunAsync(WorkflowActivityContext context, CancellationToken ct);
}

/// <summary>What an activity run gets: its instance, the command id, the input (JSON) and the current instant.</summary>
public sealed record WorkflowActivityContext(string WorkflowType, string InstanceId, string CommandId, string Input, DateTimeOffset Now);
