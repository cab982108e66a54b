using Azure.Storage.Queues.Models;
using Billing.Application.Settlement;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Settlement;

/// <summary><c>settlements</c> queue: settles what is due now for the customer the message names (<see cref="SettlementRequestMessage"/>).</summary>
public sealed class SettlementRequestQueue(SettlementRequests requests)
{
    [Function(nameof(SettlementRequestQueue))]
    public Task RunAsync(
        [QueueTrigger(SettlementRequests.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        requests.HandleAsync(message.Body.ToString(), client, cancellationToken);
}
