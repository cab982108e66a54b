using Billing.Application.Accounts;
using Billing.Storage;

namespace Billing.Application.Settlement;

/// <summary>
/// Queues one settlement request per invoiced customer (customers billed through a parent are settled with it): what the
/// simulated clock's advance does at the instants a period's settlement or a pack instant is due
/// (<see cref="Time.ClockAdvancer"/>). The settlement timer starts a <see cref="SettlementCycle"/> orchestration instead.
/// </summary>
public sealed class SettlementFanOut(BillingDirectory directory, IStorageAccount storage)
{
    public async Task<int> RequestAllAsync(CancellationToken ct)
    {
        var queue = storage.GetQueueClient(SettlementRequests.QueueName);
        var invoiced = (await directory.AllCustomersAsync(ct)).Where(c => !c.BillsThroughParent).ToList();
        await Parallel.ForEachAsync(invoiced, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (customer, token) =>
            await queue.SendMessageAsync(SettlementRequestMessage.Format(customer.Id), cancellationToken: token));
        return invoiced.Count;
    }
}
