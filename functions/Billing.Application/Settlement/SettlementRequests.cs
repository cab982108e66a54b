using Microsoft.DurableTask.Client;

namespace Billing.Application.Settlement;

/// <summary>
/// Settles one invoiced customer per <c>settlements</c> message (the message is the customer id), through
/// <see cref="CustomerSettlement"/>. The settlement timer no longer queues here (it starts a <see cref="SettlementCycle"/>
/// orchestration); the simulated clock's advance requests each customer's settlement at each step. Running it twice settles once; a host runs the requests of one fetch concurrently (up to the queue batch size,
/// plus the next fetch once in-flight work drops to the new-batch threshold), so requests for different customers overlap.
/// </summary>
public sealed class SettlementRequests(CustomerSettlement settlement)
{
    public const string QueueName = "settlements";

    /// <summary>Handles one <c>settlements</c> message (<see cref="SettlementRequestMessage"/>) in a <c>settlement.request</c> span continuing the requester's trace.</summary>
    /// <remarks>Throws when settling fails, so the request is retried. <paramref name="client"/> starts the dunning of unpaid invoices.</remarks>
    public async Task HandleAsync(string messageText, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var message = SettlementRequestMessage.Parse(messageText);
        using var activity = Hosting.BillingTelemetry.StartFromMessage("settlement.request", message.TraceParent);
        await settlement.SettleAsync(message.Customer, client, cancellationToken);
    }
}
