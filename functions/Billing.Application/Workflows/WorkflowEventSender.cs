using System.Text.Json;
using Billing.Storage;

namespace Billing.Application.Workflows;

/// <summary>Raises events on orchestration instances from outside (a payment received, a payment plan agreed) by queueing them to <see cref="WorkflowEvents"/>.</summary>
public sealed class WorkflowEventSender(IStorageAccount storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(WorkflowEventMessage message, CancellationToken ct) =>
        await storage.GetQueueClient(WorkflowEvents.QueueName).SendMessageAsync(JsonSerializer.Serialize(message with { TraceParent = message.TraceParent ?? Hosting.BillingTelemetry.TraceParent() }, Json), cancellationToken: ct);

    public static WorkflowEventMessage? Read(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<WorkflowEventMessage>(text, Json);
            return message is { Type.Length: > 0, Id.Length: > 0, Name.Length: > 0 } ? message with { Data = message.Data ?? "{}" } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
