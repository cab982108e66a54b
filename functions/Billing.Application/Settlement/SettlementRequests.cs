namespace Billing.Application.Settlement;

/// <summary>
/// Settles one invoiced customer per <c>settlements</c> message (the message is the customer id), through
/// <see cref="CustomerSettlement"/>. The settlement timer no longer queues here (it starts a <see cref="SettlementCycle"/>
/// orchestration); the simulated clock's advance and the old workflow runtime still do until business timers replace
/// them. Running it twice settles once; a host runs the requests of one fetch concurrently (up to the queue batch size,
/// plus the next fetch once in-flight work drops to the new-batch threshold), so requests for different customers overlap.
/// </summary>
public sealed class SettlementRequests(CustomerSettlement settlement)
{
    public const string QueueName = "settlements";

    /// <summary>Handles one <c>settlements</c> message (<see cref="SettlementRequestMessage"/>) in a <c>settlement.request</c> span continuing the requester's trace.</summary>
    public async Task HandleAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = SettlementRequestMessage.Parse(messageText);
        using var activity = Hosting.BillingTelemetry.StartFromMessage("settlement.request", message.TraceParent);
        await SettleAsync(message.Customer, cancellationToken);
    }

    /// <summary>Settles what is due for <paramref name="customer"/> now; throws when that fails, so the request is retried.</summary>
    public Task SettleAsync(string customer, CancellationToken cancellationToken) =>
        settlement.SettleAsync(customer, cancellationToken);
}
