namespace Billing.Workflows.Runtime;

/// <summary>
/// The timers table: rows keyed by due instant and command id. Adding the same timer twice keeps one row;
/// removing a missing one is not an error.
/// </summary>
public interface IWorkflowTimerStore
{
    Task AddAsync(WorkflowTimer timer, CancellationToken ct);

    /// <summary>Adds several timers (in as few requests as the store allows); existing ones are kept as they are.</summary>
    Task AddAllAsync(IReadOnlyList<WorkflowTimer> timers, CancellationToken ct);

    /// <summary>Timers due at or before <paramref name="until"/>, earliest first (ties by instance and command id).</summary>
    Task<IReadOnlyList<WorkflowTimer>> DueAsync(DateTimeOffset until, CancellationToken ct);

    /// <summary>
    /// The earliest due instant of any timer (after <paramref name="after"/> when given: a row left behind by a failed
    /// run is due already and must not hide the timers to come), or null when none is.
    /// </summary>
    Task<DateTimeOffset?> NextDueAsync(DateTimeOffset? after, CancellationToken ct);

    Task RemoveAsync(WorkflowTimer timer, CancellationToken ct);
}
