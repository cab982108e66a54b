using System.Text.Json;
using Billing.Storage;
using Billing.Workflows.Runtime;

namespace Billing.Application.Workflows;

/// <summary>Raises events on workflow instances from outside (a payment received) by queueing them to <see cref="WorkflowEvents"/>.</summary>
public sealed class WorkflowEventSender(IStorageAccount storage)
{
    public async Task SendAsync(WorkflowEventMessage message, CancellationToken ct) =>
        await storage.GetQueueClient(WorkflowEvents.QueueName).SendMessageAsync(WorkflowJson.Serialize(message with { TraceParent = message.TraceParent ?? Hosting.BillingTelemetry.TraceParent() }), cancellationToken: ct);

    public static WorkflowEventMessage? Read(string text)
    {
        try
        {
            var message = WorkflowJson.Deserialize<WorkflowEventMessage>(text);
            return message is { Type.Length: > 0, Id.Length: > 0, Name.Length: > 0 } ? message with { Data = message.Data ?? "{}" } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
