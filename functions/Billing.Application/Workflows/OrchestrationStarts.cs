using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Workflows;

/// <summary>
/// Starts an orchestration instance once per instance id, whatever became of an earlier one: a running, completed,
/// failed or terminated instance with that id is left as it is (operators restart one on purpose). Every backend is
/// covered: the instance is read first (the local gRPC sidecar answers a deduplicated start as if it had started it, so
/// only the read tells), every status deduplicates the start, and a start that lost a race to another host is recognised
/// by the backend's answer (gRPC AlreadyExists, or the Functions extension's InvalidOperationException).
/// </summary>
public static class OrchestrationStarts
{
    /// <summary>Starts <paramref name="orchestration"/> as <paramref name="instanceId"/>; true when this call started it.</summary>
    public static async Task<bool> StartOnceAsync(DurableTaskClient client, string orchestration, object input, string instanceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is not null)
        {
            return false;
        }

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
