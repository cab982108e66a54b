using Billing.Application.Queues;
using Billing.Workflows.Runtime;

namespace Billing.Application.Workflows;

/// <summary>
/// The queue-triggered function that delivers external events to workflow instances (<c>workflow-events</c> queue, message =
/// <see cref="WorkflowEventMessage"/> JSON). An event for an instance that does not exist, or has completed, changes nothing;
/// a message that is not an event is rejected (and ends in the poison queue).
/// </summary>
public sealed class WorkflowEventQueue(WorkflowRuntime runtime) : IQueueFunction
{
    public const string Name = "workflow-events";

    public string QueueName => Name;

    public async Task RunAsync(Storage.Queues.QueueMessage message, CancellationToken cancellationToken)
    {
        var happened = WorkflowEventSender.Read(message.MessageText) ?? throw new InvalidOperationException("a workflow event needs type, id and name");
        await runtime.RaiseAsync(happened.Type, happened.Id, new ExternalEvent(happened.Name, happened.Data), cancellationToken);
    }
}
