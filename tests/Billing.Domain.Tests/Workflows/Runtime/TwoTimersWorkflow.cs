using Billing.Workflows.Runtime;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// A test workflow of timers only: its start sets <c>{input}/1</c> at now + 1 h and <c>{input}/2</c> at now + 2 h (the input
/// is a bare JSON string, the instance's key); the first to fire is recorded in the state, the second completes it.
/// </summary>
internal sealed class TwoTimersWorkflow : IWorkflowDefinition
{
    public const string TypeName = "two-timers";

    public string Type => TypeName;

    public WorkflowDecision Decide(string? state, WorkflowEvent happened, DateTimeOffset now) => happened switch
    {
        WorkflowStarted started => new(started.Input, [new StartTimer(Key(started.Input) + "/1", now.AddHours(1)), new StartTimer(Key(started.Input) + "/2", now.AddHours(2))]),
        TimerFired fired when fired.CommandId.EndsWith("/1", StringComparison.Ordinal) => new(state + "+1", []),
        TimerFired => new(state + "+2", [], Completed: true),
        _ => new(state ?? "", []),
    };

    private static string Key(string input) => input.Trim('"');
}
