using System.Text.Json;
using Billing.Storage;

namespace Billing.Functions.Workflows;

/// <summary>Raises events on workflow instances from outside (a payment received) by queueing them to <see cref="WorkflowEventQueue"/>.</summary>
public sealed class WorkflowEventSender(IStorageAccount storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(WorkflowEventMessage message, CancellationToken ct) =>
        await storage.GetQueueClient(WorkflowEventQueue.Name).SendMessageAsync(JsonSerializer.Serialize(message, Json), cancellationToken: ct);

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
