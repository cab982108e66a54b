using Billing.Workflows.Runtime;

namespace Billing.Application.Workflows;

/// <summary>
/// Delivers external events to workflow instances, one <c>workflow-events</c> message (<see cref="WorkflowEventMessage"/> JSON)
/// per call. An event for an instance that does not exist, or has completed, changes nothing; a message that is not an event
/// is refused (it throws, and ends in the poison queue after the last attempt). A host delivers the messages of one fetch
/// concurrently (up to the queue batch size, plus the next fetch once in-flight work drops to the new-batch threshold).
/// </summary>
public sealed class WorkflowEvents(WorkflowRuntime runtime)
{
    public const string QueueName = "workflow-events";

    /// <summary>Raises the event <paramref name="messageText"/> describes on its instance.</summary>
    public async Task DeliverAsync(string messageText, CancellationToken cancellationToken)
    {
        var happened = WorkflowEventSender.Read(messageText) ?? throw new InvalidOperationException("a workflow event needs type, id and name");
        using var activity = Hosting.BillingTelemetry.StartFromMessage("workflow.event", happened.TraceParent);
        activity?.SetTag("billing.workflow.type", happened.Type);
        await runtime.RaiseAsync(happened.Type, happened.Id, new ExternalEvent(happened.Name, happened.Data), cancellationToken);
    }
}
