using System.Globalization;
using Azure;
using Billing.Storage;
using Billing.Storage.Tables;
using Billing.Storage.Usage;
using Billing.Workflows.Runtime;
using static Billing.Application.Workflows.WorkflowRows;

namespace Billing.Application.Workflows;

/// <summary>
/// Workflow timers in table <c>workflowtimers</c>, one partition (<c>timers</c>), RowKey
/// <c>{due UTC ticks, 19 digits}|{type}|{instance id}|{command id}</c> with the three ids escaped (see
/// <see cref="KeyEscaping"/>, which also escapes '|'), so RowKey order is due order and the same timer is the same row.
/// Adding an existing timer and removing a missing one are no-ops.
/// </summary>
public sealed class WorkflowTimerTable(ITableClient table) : IWorkflowTimerStore
{
    public const string TableName = "workflowtimers";

    private const string Partition = "timers";

    /// <summary>Inserts the timers 100 to a transaction (one partition); when one exists already, inserts that group one by one.</summary>
    public async Task AddAllAsync(IReadOnlyList<WorkflowTimer> timers, CancellationToken ct)
    {
        foreach (var group in timers.DistinctBy(RowKeyOf).Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(group.Select(t => new TableTransactionAction(TableTransactionActionType.Add, RowOf(t))), ct);
            }
            catch (TableTransactionFailedException ex) when (ex.IsConflict)
            {
                foreach (var timer in group)
                {
                    await AddAsync(timer, ct);
                }
            }
        }
    }

    public async Task AddAsync(WorkflowTimer timer, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(RowOf(timer), ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            // Set before (a command run again after a crash): one row stands for it.
        }
    }

    public async Task<IReadOnlyList<WorkflowTimer>> DueAsync(DateTimeOffset until, CancellationToken ct)
    {
        var below = Ticks(until.UtcTicks + 1);
        var due = new List<WorkflowTimer>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"PartitionKey eq {Partition} and RowKey lt {below}"), cancellationToken: ct))
        {
            due.Add(TimerOf(row));
        }

        // RowKey order is due order; ties are put in the order the in-memory store gives (escaping reorders ids).
        return due
            .OrderBy(t => t.DueAt.UtcTicks)
            .ThenBy(t => t.Type, StringComparer.Ordinal)
            .ThenBy(t => t.InstanceId, StringComparer.Ordinal)
            .ThenBy(t => t.CommandId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset? after, CancellationToken ct)
    {
        var filter = after is { } instant
            ? TableFilter.Create($"PartitionKey eq {Partition} and RowKey ge {Ticks(instant.UtcTicks + 1)}")
            : TableFilter.Create($"PartitionKey eq {Partition}");
        await foreach (var row in table.QueryAsync(filter, maxPerPage: 1, cancellationToken: ct))
        {
            return TimerOf(row).DueAt;
        }

        return null;
    }

    public async Task RemoveAsync(WorkflowTimer timer, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(Partition, RowKeyOf(timer), ETag.All, ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            // Removed before (fired twice, or by another host).
        }
    }

    private static TableEntity RowOf(WorkflowTimer timer) => new(Partition, RowKeyOf(timer))
    {
        ["Type"] = timer.Type,
        ["InstanceId"] = timer.InstanceId,
        ["CommandId"] = timer.CommandId,
        ["DueAt"] = timer.DueAt,
    };

    private static string RowKeyOf(WorkflowTimer timer) =>
        Ticks(timer.DueAt.UtcTicks) + "|" + KeyEscaping.Escape(timer.Type) + "|" + KeyEscaping.Escape(timer.InstanceId) + "|" + KeyEscaping.Escape(timer.CommandId);

    private static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static WorkflowTimer TimerOf(TableEntity row) => new(
        Required(row, "Type"),
        Required(row, "InstanceId"),
        Required(row, "CommandId"),
        row.GetDateTimeOffset("DueAt") ?? throw Missing(row, "DueAt"));
}
