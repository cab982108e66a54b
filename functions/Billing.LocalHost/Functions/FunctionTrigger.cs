namespace Billing.LocalHost.Functions;

/// <summary>What starts a function, as its trigger attribute declares it (and as <c>functions.metadata</c> lists it).</summary>
public abstract record FunctionTrigger;

/// <summary>
/// An HTTP trigger: <paramref name="Route"/> below the route prefix (<c>api</c>), without a leading slash; the
/// methods lower-case (<c>get</c>, <c>post</c>, ...), every method when the attribute names none.
/// </summary>
public sealed record HttpFunctionTrigger(string Route, IReadOnlyList<string> Methods) : FunctionTrigger;

/// <summary>A queue trigger on <paramref name="QueueName"/> of the storage account named by <paramref name="Connection"/>.</summary>
public sealed record QueueFunctionTrigger(string QueueName, string Connection) : FunctionTrigger;

/// <summary>
/// A timer trigger: <paramref name="Schedule"/> is a 6-field NCrontab expression, or <c>%setting%</c> naming the app
/// setting that holds one.
/// </summary>
public sealed record TimerFunctionTrigger(string Schedule, bool RunOnStartup) : FunctionTrigger;

/// <summary>A Durable orchestration trigger: the function is the orchestrator of the orchestration named as the function.</summary>
public sealed record OrchestrationFunctionTrigger : FunctionTrigger;

/// <summary>A Durable activity trigger: the function is the activity named as the function, its input deserialized as <paramref name="InputType"/>.</summary>
public sealed record ActivityFunctionTrigger(Type InputType) : FunctionTrigger;
