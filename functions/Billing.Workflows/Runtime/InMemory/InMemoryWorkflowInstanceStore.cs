using System.Globalization;

namespace Billing.Workflows.Runtime.InMemory;

/// <summary>Instances in memory, with the table store's conditional-write contract (a counter stands in for the ETag).</summary>
public sealed class InMemoryWorkflowInstanceStore : IWorkflowInstanceStore
{
    private readonly Dictionary<(string Type, string Id), WorkflowInstance> rows = [];
    private readonly Lock gate = new();
    private long versions;

    public Task<WorkflowInstance?> GetAsync(string type, string id, CancellationToken ct)
    {
        lock (gate)
        {
            return Task.FromResult(rows.GetValueOrDefault((type, id)));
        }
    }

    public Task<WorkflowInstance?> TryAddAsync(WorkflowInstance instance, CancellationToken ct)
    {
        lock (gate)
        {
            if (rows.ContainsKey((instance.Type, instance.Id)))
            {
                return Task.FromResult<WorkflowInstance?>(null);
            }

            return Task.FromResult<WorkflowInstance?>(rows[(instance.Type, instance.Id)] = Versioned(instance));
        }
    }

    public Task<WorkflowInstance?> TryReplaceAsync(WorkflowInstance instance, CancellationToken ct)
    {
        lock (gate)
        {
            if (!rows.TryGetValue((instance.Type, instance.Id), out var stored) || stored.Version != instance.Version)
            {
                return Task.FromResult<WorkflowInstance?>(null);
            }

            return Task.FromResult<WorkflowInstance?>(rows[(instance.Type, instance.Id)] = Versioned(instance));
        }
    }

    public Task<IReadOnlyList<WorkflowInstance>> ListAsync(string? type, WorkflowStatus? status, CancellationToken ct)
    {
        lock (gate)
        {
            IReadOnlyList<WorkflowInstance> matching = rows.Values
                .Where(i => (type is null || i.Type == type) && (status is null || i.Status == status))
                .OrderBy(i => i.Type, StringComparer.Ordinal)
                .ThenBy(i => i.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(matching);
        }
    }

    private WorkflowInstance Versioned(WorkflowInstance instance) =>
        instance with { Version = (++versions).ToString(CultureInfo.InvariantCulture) };
}
