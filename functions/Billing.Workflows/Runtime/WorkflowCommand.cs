using System.Text.Json.Serialization;

namespace Billing.Workflows.Runtime;

/// <summary>
/// What a transition asks the runtime to do. <see cref="Id"/> is deterministic (<c>{instance}/{step}</c>), so running a
/// command again after a crash repeats nothing: activities are idempotent by it and timers are rows keyed by it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RunActivity), "activity")]
[JsonDerivedType(typeof(StartTimer), "timer")]
public abstract record WorkflowCommand(string Id);

/// <summary>Run the named activity with <see cref="Input"/> (JSON); its output comes back as <see cref="ActivityCompleted"/>.</summary>
public sealed record RunActivity(string Id, string Activity, string Input) : WorkflowCommand(Id);

/// <summary>Set a timer row that fires <see cref="TimerFired"/> at <see cref="DueAt"/>.</summary>
public sealed record StartTimer(string Id, DateTimeOffset DueAt) : WorkflowCommand(Id);
