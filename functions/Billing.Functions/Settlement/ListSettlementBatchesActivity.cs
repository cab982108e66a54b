using Billing.Application.Settlement;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary>Activity <c>ListSettlementBatches</c>: the invoiced customers in batches of the given size.</summary>
public sealed class ListSettlementBatchesActivity(SettlementCycleActivities activities)
{
    [Function(SettlementCycle.ListBatchesActivity)]
    public Task<IReadOnlyList<IReadOnlyList<string>>> RunAsync([ActivityTrigger] int batchSize, CancellationToken cancellationToken) =>
        activities.ListBatchesAsync(batchSize, cancellationToken);
}
