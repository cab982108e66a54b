namespace Billing.Workflows.Runtime;

/// <summary>
/// Where instances are kept (a table row each, or memory for the scenario runner and tests). Writes are
/// conditional: <see cref="TryAddAsync"/> fails when the instance exists, <see cref="TryReplaceAsync"/> when the stored
/// version is not <see cref="WorkflowInstance.Version"/>; both then return null and the caller reads again.
/// </summary>
public interface IWorkflowInstanceStore
{
    Task<WorkflowInstance?> GetAsync(string type, string id, CancellationToken ct);

    /// <summary>Stores a new instance; returns it with its version, or null when one with its type and id exists.</summary>
    Task<WorkflowInstance?> TryAddAsync(WorkflowInstance instance, CancellationToken ct);

    /// <summary>Replaces the instance if its stored version is still <see cref="WorkflowInstance.Version"/>; null when it moved on.</summary>
    Task<WorkflowInstance?> TryReplaceAsync(WorkflowInstance instance, CancellationToken ct);

    /// <summary>Instances of a type (all types when null) with a status (any when null), by type then id.</summary>
    Task<IReadOnlyList<WorkflowInstance>> ListAsync(string? type, WorkflowStatus? status, CancellationToken ct);
}
