using Billing.Application.Email.Retries;
using Billing.Storage;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Time;

/// <summary>
/// What has gone wrong and still waits for a retry or an operator, as <c>POST /api/manage/clock/advance</c> reports it
/// with its answer: emails not delivered yet (<see cref="UndeliveredEmailStore"/>, retried in the background), Durable
/// orchestration instances that failed (settlement cycles and dunning; <c>POST /api/manage/workflows/{id}/restart</c>),
/// and messages in the poison queues. Not included: what failed and was already repaired (emails sent on a retry,
/// requeued messages, restarted instances).
/// </summary>
public sealed class AdvanceFailures(UndeliveredEmailStore undelivered, IStorageAccount storage)
{
    /// <summary>The failures standing now, in the JSON shape of the clock's answer.</summary>
    public async Task<object> ReadAsync(DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var emails = await undelivered.ListAsync(UndeliveredEmailStatus.Pending, ct);
        var failed = new List<object>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Failed], FetchInputsAndOutputs: true)).WithCancellation(ct))
        {
            failed.Add(new { id = instance.InstanceId, error = Admin.DurableWorkflowsAdminApi.FailureMessage(instance) });
        }

        var poison = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in Hosting.StorageBootstrap.PoisonQueues)
        {
            var count = await storage.GetQueueClient(queue).GetApproximateMessagesCountAsync(ct);
            if (count > 0)
            {
                poison[queue] = count;
            }
        }

        return new
        {
            ok = emails.Count == 0 && failed.Count == 0 && poison.Count == 0,
            undeliveredEmails = emails.Select(UndeliveredEmailsAdminApi.View).ToList(),
            failedWorkflows = failed,
            poisonMessages = poison,
        };
    }
}
