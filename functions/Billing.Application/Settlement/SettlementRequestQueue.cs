using Billing.Application.Queues;

namespace Billing.Application.Settlement;

/// <summary>
/// The queue-triggered function that settles one invoiced customer (<c>settlements</c> queue, message = the customer id)
/// through <see cref="CustomerSettlement"/>. The settlement timer no longer uses it (it starts a
/// <see cref="SettlementCycle"/> orchestration); the simulated clock's advance and the old workflow runtime still queue
/// here until business timers replace them. Running it twice settles once.
/// </summary>
public sealed class SettlementRequestQueue(CustomerSettlement settlement) : IQueueFunction
{
    public const string Name = "settlements";

    public string QueueName => Name;

    public Task RunAsync(Storage.Queues.QueueMessage message, CancellationToken cancellationToken) =>
        settlement.SettleAsync(message.MessageText, cancellationToken);
}
