using Billing.Application.Settlement;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Settlement;

/// <summary>Activity <c>SettleBatch</c>: settles each customer of one batch of a settlement cycle.</summary>
public sealed class SettleBatchActivity(SettlementCycleActivities activities)
{
    [Function(SettlementCycle.SettleBatchActivity)]
    public Task<SettlementBatchResult> RunAsync([ActivityTrigger] SettlementBatch batch, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        activities.SettleBatchAsync(batch, client, cancellationToken);
}
