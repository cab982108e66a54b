using Azure;
using Billing.Storage;
using Billing.Storage.Tables;
using Billing.Storage.Usage;
using Billing.Workflows.Runtime;
using static Billing.Application.Workflows.WorkflowRows;

namespace Billing.Application.Workflows;

/// <summary>
/// Workflow instances in table <c>workflows</c>, one row each: PartitionKey <c>{type}|{id}</c> (both escaped, see
/// <see cref="KeyEscaping"/>), RowKey <c>instance~{PartitionKey}</c> (see <see cref="ScopedRowKey"/>). The pending
/// commands, timer ids and history are JSON properties; <see cref="WorkflowInstance.Version"/> is the row's ETag, and
/// replacing is conditional on it. Listing one type reads the PartitionKey range <c>{type}|</c> up to <c>{type}}</c>
/// ('}' sorts right after '|', and an escaped type holds no '|', so a type sharing a prefix stays out).
/// </summary>
public sealed class WorkflowInstanceTable(ITableClient table) : IWorkflowInstanceStore
{
    public const string TableName = "workflows";

    private const string InstanceRow = "instance";

    public async Task<WorkflowInstance?> GetAsync(string type, string id, CancellationToken ct)
    {
        var partition = PartitionOf(type, id);
        var row = await table.GetEntityIfExistsAsync(partition, ScopedRowKey.Of(InstanceRow, partition), ct);
        return row is null ? null : InstanceOf(row);
    }

    public async Task<WorkflowInstance?> TryAddAsync(WorkflowInstance instance, CancellationToken ct)
    {
        try
        {
            var etag = await table.AddEntityAsync(RowOf(instance), ct);
            return instance with { Version = etag.ToString() };
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            return null;
        }
    }

    public async Task<WorkflowInstance?> TryReplaceAsync(WorkflowInstance instance, CancellationToken ct)
    {
        if (instance.Version is null)
        {
            // Never stored (or read without a version): there is no version the stored row could still have.
            return null;
        }

        try
        {
            var etag = await table.UpdateEntityAsync(RowOf(instance), new ETag(instance.Version), TableUpdateMode.Replace, ct);
            return instance with { Version = etag.ToString() };
        }
        catch (StorageRequestFailedException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<WorkflowInstance>> ListAsync(string? type, WorkflowStatus? status, CancellationToken ct)
    {
        var clauses = new List<string>(2);
        if (type is not null)
        {
            var escaped = KeyEscaping.Escape(type);
            clauses.Add(TableFilter.Create($"PartitionKey ge {escaped + "|"} and PartitionKey lt {escaped + "}"}"));
        }

        if (status is { } wanted)
        {
            clauses.Add(TableFilter.Create($"Status eq {WorkflowStatusNames.Of(wanted)}"));
        }

        var found = new List<WorkflowInstance>();
        await foreach (var row in table.QueryAsync(clauses.Count == 0 ? null : string.Join(" and ", clauses), cancellationToken: ct))
        {
            found.Add(InstanceOf(row));
        }

        // Keys are escaped and joined with '|', so their order is not the ids' order.
        return found
            .OrderBy(i => i.Type, StringComparer.Ordinal)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static string PartitionOf(string type, string id) => KeyEscaping.Escape(type) + "|" + KeyEscaping.Escape(id);

    private static TableEntity RowOf(WorkflowInstance instance)
    {
        var partition = PartitionOf(instance.Type, instance.Id);
        return new TableEntity(partition, ScopedRowKey.Of(InstanceRow, partition))
        {
            ["Type"] = instance.Type,
            ["Id"] = instance.Id,
            ["Status"] = WorkflowStatusNames.Of(instance.Status),
            ["State"] = instance.State,

            // As a List<WorkflowCommand>, so each command is written with its "kind" discriminator.
            ["Pending"] = WorkflowJson.Serialize(instance.Pending.ToList()),
            ["Timers"] = WorkflowJson.Serialize(instance.Timers.ToList()),
            ["History"] = WorkflowJson.Serialize(instance.History.ToList()),
            ["Transitions"] = instance.Transitions,
            ["CreatedAt"] = instance.CreatedAt,
            ["UpdatedAt"] = instance.UpdatedAt,
            ["Error"] = instance.Error,
        };
    }

    private static WorkflowInstance InstanceOf(TableEntity row) => new(
        Required(row, "Type"),
        Required(row, "Id"),
        WorkflowStatusNames.TryParse(Required(row, "Status")) ?? throw new InvalidOperationException($"workflow row ({row.PartitionKey}, {row.RowKey}) has an unknown status"),
        Required(row, "State"),
        WorkflowJson.Deserialize<List<WorkflowCommand>>(Required(row, "Pending")),
        WorkflowJson.Deserialize<List<string>>(Required(row, "Timers")),
        WorkflowJson.Deserialize<List<WorkflowHistoryEntry>>(Required(row, "History")),
        row.GetInt32("Transitions") ?? 0,
        row.GetDateTimeOffset("CreatedAt") ?? throw Missing(row, "CreatedAt"),
        row.GetDateTimeOffset("UpdatedAt") ?? throw Missing(row, "UpdatedAt"),
        row.GetString("Error"),
        row.ETag.ToString());
}
