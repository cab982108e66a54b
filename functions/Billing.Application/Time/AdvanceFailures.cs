using Billing.Application.Email.Retries;
using Billing.Storage;
using Billing.Workflows.Runtime;
using Billing.Workflows.Settlement;

namespace Billing.Application.Time;

/// <summary>
/// What has gone wrong and still waits for a retry or an operator, as <c>POST /api/manage/clock/advance</c> reports it
/// with its answer: emails not delivered yet (<see cref="UndeliveredEmailStore"/>, retried in the background), settlement
/// workflows that failed (<c>POST /api/manage/workflows/{id}/retry</c>), and messages in the poison queues. Not included:
/// what failed and was already repaired (emails sent on a retry, requeued messages).
/// </summary>
public sealed class AdvanceFailures(UndeliveredEmailStore undelivered, WorkflowRuntime workflows, IStorageAccount storage)
{
    private static readonly string[] PoisonQueues =
        [Ingestion.UsageBatchSender.QueueName + "-poison", Settlement.SettlementRequests.QueueName + "-poison", Workflows.WorkflowEvents.QueueName + "-poison"];

    /// <summary>The failures standing now, in the JSON shape of the clock's answer.</summary>
    public async Task<object> ReadAsync(CancellationToken ct)
    {
        var emails = await undelivered.ListAsync(UndeliveredEmailStatus.Pending, ct);
        var failed = await workflows.Instances.ListAsync(SettlementWorkflow.Name, WorkflowStatus.Failed, ct);
        var poison = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in PoisonQueues)
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
            failedWorkflows = failed.Select(w => new { id = w.Id, error = w.Error }).ToList(),
            poisonMessages = poison,
        };
    }
}
