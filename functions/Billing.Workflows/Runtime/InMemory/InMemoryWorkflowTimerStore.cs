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

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        lock (gate)
        {
            return Task.FromResult(timers.Count == 0 ? (DateTimeOffset?)null : timers.Min!.DueAt);
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

        var byInstance = string.CompareOrdinal(a.Type + "/" + a.InstanceId, b.Type + "/" + b.InstanceId);
        return byInstance != 0 ? byInstance : string.CompareOrdinal(a.CommandId, b.CommandId);
    }
}
