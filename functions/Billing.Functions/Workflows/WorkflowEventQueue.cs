using Azure.Storage.Queues.Models;
using Billing.Application.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Workflows;

/// <summary><c>workflow-events</c> queue: raises the external event the message describes on its orchestration instance.</summary>
public sealed class WorkflowEventQueue(WorkflowEvents events)
{
    [Function(nameof(WorkflowEventQueue))]
    public Task RunAsync(
        [QueueTrigger(WorkflowEvents.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        events.DeliverAsync(message.Body.ToString(), client, cancellationToken);
}
