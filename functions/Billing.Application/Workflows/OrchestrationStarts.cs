using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Workflows;

/// <summary>
/// Starts an orchestration instance once per instance id, whatever became of an earlier one: a running, completed,
/// failed or terminated instance with that id is left as it is (operators restart one on purpose). Every backend is
/// covered: every status deduplicates the start, and a start that lost a race to another host is recognised by the
/// backend's answer (gRPC AlreadyExists, or the Functions extension's InvalidOperationException).
/// <see cref="StartOnceAsync"/> also tells whether this call started it, which costs a read of the instance first (the
/// local gRPC sidecar answers a deduplicated start as if it had started it, so only the read tells);
/// <see cref="EnsureStartedAsync"/> does without, for starts repeated as a matter of course.
/// </summary>
public static class OrchestrationStarts
{
    /// <summary>Starts <paramref name="orchestration"/> as <paramref name="instanceId"/>; true when this call started it.</summary>
    public static async Task<bool> StartOnceAsync(DurableTaskClient client, string orchestration, object input, string instanceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null
            && await EnsureStartedAsync(client, orchestration, input, instanceId, ct);
    }

    /// <summary>
    /// Starts <paramref name="orchestration"/> as <paramref name="instanceId"/> unless an instance with that id exists; false
    /// when the backend said it exists, true when it did not say so (the local sidecar never does).
    /// </summary>
    public static async Task<bool> EnsureStartedAsync(DurableTaskClient client, string orchestration, object input, string instanceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                orchestration,
                input,
                new StartOrchestrationOptions(instanceId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
                ct);
            return true;
        }
        catch (Exception ex) when (AlreadyExists(ex))
        {
            return false;
        }
    }

    private static bool AlreadyExists(Exception ex) =>
        ex is InvalidOperationException && ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
        || ex.GetType().Name == "RpcException" && ex.Message.Contains("AlreadyExists", StringComparison.Ordinal);
}
