namespace Billing.Workflows.Runtime;

/// <summary>
/// One workflow instance as stored: its state (JSON, owned by the definition), the commands it still has to run
/// (in order), the ids of the timers it has set and not yet seen fire, and its history (the most recent
/// <see cref="HistoryLimit"/> transitions; <see cref="Transitions"/> counts them all). <see cref="Version"/> is the
/// store's concurrency token (the table row's ETag); every write is conditional on it.
/// </summary>
public sealed record WorkflowInstance(
    string Type,
    string Id,
    WorkflowStatus Status,
    string State,
    IReadOnlyList<WorkflowCommand> Pending,
    IReadOnlyList<string> Timers,
    IReadOnlyList<WorkflowHistoryEntry> History,
    int Transitions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Error,
    string? Version)
{
    /// <summary>How many history entries an instance keeps (the oldest are dropped; a table property holds 64 KiB).</summary>
    public const int HistoryLimit = 50;

    /// <summary>Adds a history entry (detail cut to 200 characters) and stamps the update time.</summary>
    public WorkflowInstance Record(DateTimeOffset at, string happened, string? detail)
    {
        var entry = new WorkflowHistoryEntry(at, happened, detail is { Length: > 200 } ? detail[..197] + "..." : detail);
        var history = History.Count < HistoryLimit ? History.Append(entry) : History.Skip(History.Count - HistoryLimit + 1).Append(entry);
        return this with { History = history.ToList(), Transitions = Transitions + 1, UpdatedAt = at };
    }
}
