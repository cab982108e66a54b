using Microsoft.DurableTask.Client;

namespace Billing.Application.Workflows;

/// <summary>
/// Delivers external events to Durable orchestration instances, one <c>workflow-events</c> message
/// (<see cref="WorkflowEventMessage"/> JSON) per call, raised through <see cref="DurableTaskClient"/> with the message's
/// data as the payload. An event for an instance that does not exist, or has finished, changes nothing; a message that
/// is not an event is refused (it throws, and ends in the poison queue after the last attempt). A host delivers the
/// messages of one fetch concurrently (up to the queue batch size, plus the next fetch once in-flight work drops to the
/// new-batch threshold).
/// </summary>
public sealed class WorkflowEvents
{
    public const string QueueName = "workflow-events";

    /// <summary>Raises the event <paramref name="messageText"/> describes on its instance.</summary>
    public async Task DeliverAsync(string messageText, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var happened = WorkflowEventSender.Read(messageText) ?? throw new InvalidOperationException("a workflow event needs type, id and name");
        using var activity = Hosting.BillingTelemetry.StartFromMessage("workflow.event", happened.TraceParent);
        activity?.SetTag("billing.workflow.type", happened.Type);
        if (await client.GetInstanceAsync(happened.Id, getInputsAndOutputs: false, cancellationToken) is not { IsCompleted: false })
        {
            return;
        }

        await client.RaiseEventAsync(happened.Id, happened.Name, happened.Data, cancellationToken);
    }
}
