using Azure.Storage.Queues.Models;
using Billing.Application.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Workflows;

/// <summary><c>workflow-events</c> queue: raises the external event the message describes on its workflow instance.</summary>
public sealed class WorkflowEventQueue(WorkflowEvents events)
{
    [Function(nameof(WorkflowEventQueue))]
    public Task RunAsync(
        [QueueTrigger(WorkflowEvents.QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        events.DeliverAsync(message.Body.ToString(), cancellationToken);
}
