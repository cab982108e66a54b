namespace Billing.Workflows.Runtime;

/// <summary>
/// The names of <see cref="WorkflowStatus"/> values as stored and shown (<c>running</c>, <c>completed</c>, <c>failed</c>):
/// exactly these, lower case; numbers and other spellings are not statuses.
/// </summary>
public static class WorkflowStatusNames
{
    public static string Of(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => "running",
        WorkflowStatus.Completed => "completed",
        WorkflowStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown workflow status"),
    };

    public static WorkflowStatus? TryParse(string name) => name switch
    {
        "running" => WorkflowStatus.Running,
        "completed" => WorkflowStatus.Completed,
        "failed" => WorkflowStatus.Failed,
        _ => null,
    };
}
