namespace Billing.Workflows.Runtime;

/// <summary>
/// A workflow type: a pure transition <c>(state, event, now) -&gt; (state', commands)</c>. The state is null for
/// <see cref="WorkflowStarted"/> only. No I/O and no clock: the runtime passes the current instant.
/// </summary>
public interface IWorkflowDefinition
{
    string Type { get; }

    WorkflowDecision Decide(string? state, WorkflowEvent happened, DateTimeOffset now);
}
