using Billing.Workflows.Runtime;
using Billing.Workflows.Runtime.InMemory;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// An in-memory timer store that, once armed, holds the next <see cref="AddAsync"/> just after the row is written
/// (completing the task <see cref="Arm"/> returned) until <see cref="Release"/>: the moment between a timer row and the
/// instance write that records it. A held add gives up after 10 seconds so a broken test cannot hang the run.
/// </summary>
internal sealed class PausingTimerStore : IWorkflowTimerStore
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly InMemoryWorkflowTimerStore inner = new();
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? armed;

    /// <summary>Holds the next add; the task completes once that add has written its row.</summary>
    public Task Arm()
    {
        var added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref armed, added);
        return added.Task;
    }

    /// <summary>Lets the held add (and any later one) go on.</summary>
    public void Release() => released.TrySetResult();

    public async Task AddAsync(WorkflowTimer timer, CancellationToken ct)
    {
        await inner.AddAsync(timer, ct);
        if (Interlocked.Exchange(ref armed, null) is { } added)
        {
            added.TrySetResult();
            await released.Task.WaitAsync(Patience, ct);
        }
    }

    public async Task AddAllAsync(IReadOnlyList<WorkflowTimer> timers, CancellationToken ct)
    {
        foreach (var timer in timers)
        {
            await AddAsync(timer, ct);
        }
    }

    public Task<IReadOnlyList<WorkflowTimer>> DueAsync(DateTimeOffset until, CancellationToken ct) => inner.DueAsync(until, ct);

    public Task<DateTimeOffset?> NextDueAsync(DateTimeOffset? after, CancellationToken ct) => inner.NextDueAsync(after, ct);

    public Task RemoveAsync(WorkflowTimer timer, CancellationToken ct) => inner.RemoveAsync(timer, ct);
}
