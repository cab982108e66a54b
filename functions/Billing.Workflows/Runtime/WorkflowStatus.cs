namespace Billing.Workflows.Runtime;

/// <summary>
/// Where a workflow instance stands: <see cref="Running"/> (commands pending or timers set), <see cref="Completed"/>
/// (its definition said so; later events are ignored) or <see cref="Failed"/> (an activity threw; the pending
/// commands are kept, and a retry or redelivery resumes them).
/// </summary>
public enum WorkflowStatus
{
    Running,
    Completed,
    Failed,
}
