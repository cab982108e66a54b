using System.Collections.Concurrent;
using Billing.Workflows.Runtime;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// A test activity that counts its runs per command id and records every context it was given. It can be made to throw
/// (<see cref="FaultMessage"/>) or to run a hook first (<see cref="Before"/>: wait on a gate, cancel a token).
/// Its output is <c>{"name":"commandId"}</c>; each run is also appended to the shared <paramref name="journal"/> as
/// <c>name commandId</c>, so the order across activities can be read.
/// </summary>
internal sealed class CountingActivity(string name, ConcurrentQueue<string> journal) : IWorkflowActivity
{
    private readonly ConcurrentDictionary<string, int> runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WorkflowActivityContext> contexts = new();
    private volatile string? faultMessage;

    public string Name => name;

    /// <summary>When set, every run throws <see cref="InvalidOperationException"/> with this message (after counting).</summary>
    public string? FaultMessage
    {
        get => faultMessage;
        set => faultMessage = value;
    }

    public Func<WorkflowActivityContext, CancellationToken, Task>? Before { get; set; }

    public int TotalRuns => runs.Values.Sum();

    public IReadOnlyList<WorkflowActivityContext> Contexts => [.. contexts];

    public static string OutputFor(string activity, string commandId) => $"{{\"{activity}\":\"{commandId}\"}}";

    public int Runs(string commandId) => runs.GetValueOrDefault(commandId);

    public async Task<string> RunAsync(WorkflowActivityContext context, CancellationToken ct)
    {
        runs.AddOrUpdate(context.CommandId, 1, (_, n) => n + 1);
        contexts.Enqueue(context);
        journal.Enqueue(name + " " + context.CommandId);
        if (Before is { } before)
        {
            await before(context, ct);
        }

        if (FaultMessage is { } message)
        {
            throw new InvalidOperationException(message);
        }

        return OutputFor(name, context.CommandId);
    }
}
