namespace Billing.Workflows.Runtime;

/// <summary>What a workflow reacts to: its start, an activity's output, a timer, or an event from outside (a queue message).</summary>
public abstract record WorkflowEvent;

/// <summary>The instance was started with <see cref="Input"/> (JSON).</summary>
public sealed record WorkflowStarted(string Input) : WorkflowEvent;

/// <summary>The activity run by command <see cref="CommandId"/> finished with <see cref="Output"/> (JSON).</summary>
public sealed record ActivityCompleted(string CommandId, string Output) : WorkflowEvent;

/// <summary>The timer set by command <see cref="CommandId"/> fell due.</summary>
public sealed record TimerFired(string CommandId, DateTimeOffset DueAt) : WorkflowEvent;

/// <summary>An event raised from outside (for example a payment received), with its <see cref="Data"/> (JSON).</summary>
public sealed record ExternalEvent(string Name, string Data) : WorkflowEvent;
