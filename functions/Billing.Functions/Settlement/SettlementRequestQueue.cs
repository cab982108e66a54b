using Billing.Functions.Queues;

namespace Billing.Functions.Settlement;

/// <summary>
/// The queue-triggered function that settles one invoiced customer (<c>settlements</c> queue, message = the
/// customer id): everything due at the current time is settled; running it twice settles once.
/// </summary>
public sealed class SettlementRequestQueue(SettlementService settlement, TimeProvider clock) : IQueueFunction
{
    public const string Name = "settlements";

    public string QueueName => Name;

    public async Task RunAsync(Storage.Queues.QueueMessage message, CancellationToken cancellationToken) =>
        await settlement.SettleAsync(message.MessageText, clock.GetUtcNow(), cancellationToken);
}
