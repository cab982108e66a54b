using Azure.Storage.Queues.Models;
using Billing.Application.Ingestion;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Ingestion;

/// <summary><c>usage-batches</c> queue: meters the accepted usage one message carries, exactly once.</summary>
public sealed class UsageBatchQueue(UsageBatchMetering metering)
{
    [Function(nameof(UsageBatchQueue))]
    public Task RunAsync(
        [QueueTrigger(UsageBatchMetering.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        metering.MeterAsync(message.Body.ToString(), cancellationToken);
}
