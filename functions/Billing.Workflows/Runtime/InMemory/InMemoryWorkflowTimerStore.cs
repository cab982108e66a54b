namespace Billing.Workflows.Runtime.InMemory;

/// <summary>Timers in memory, keyed like the table store (due instant, then instance and command id).</summary>
public sealed class InMemoryWorkflowTimerStore : IWorkflowTimerStore
{
    private readonly SortedSet<WorkflowTimer> timers = new(Comparer<WorkflowTimer>.Create(Compare));
    private readonly Lock gate = new();

    public Task AddAsync(WorkflowTimer timer, CancellationToken ct)
    {
        lock (gate)
        {
            timers.Add(timer);
        }

        return Task.CompletedTask;
    }

    public Task AddAllAsync(IReadOnlyList<WorkflowTimer> timers, CancellationToken ct)
    {
        lock (gate)
        {
            foreach (var timer in timers)
            {
                this.timers.Add(timer);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkflowTimer>> DueAsync(DateTimeOffset until, CancellationToken ct)
    {
        lock (gate)
        {
            IReadOnlyList<WorkflowTimer> due = timers.TakeWhile(t => t.DueAt <= until).ToList();
            return Task.FromResult(due);
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(DateTimeOffset? after, CancellationToken ct)
    {
        lock (gate)
        {
            var next = after is { } instant ? timers.FirstOrDefault(t => t.DueAt > instant) : timers.Min;
            return Task.FromResult(next?.DueAt);
        }
    }

    public Task RemoveAsync(WorkflowTimer timer, CancellationToken ct)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }

        return Task.CompletedTask;
    }

    private static int Compare(WorkflowTimer? a, WorkflowTimer? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var byDue = a.DueAt.UtcTicks.CompareTo(b.DueAt.UtcTicks);
        if (byDue != 0)
        {
            return byDue;
        }

        var byType = string.CompareOrdinal(a.Type, b.Type);
        var byInstance = byType != 0 ? byType : string.CompareOrdinal(a.InstanceId, b.InstanceId);
        return byInstance != 0 ? byInstance : string.CompareOrdinal(a.CommandId, b.CommandId);
    }
}
