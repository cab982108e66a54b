using Billing.Application.Http;
using Billing.Storage;

namespace Billing.Application.Admin;

/// <summary>
/// Operators' view of messages that failed repeatedly, for every queue a function is triggered by (<c>usage-batches</c>,
/// <c>settlements</c>, <c>workflow-events</c>): <c>GET /api/manage/poison/{queue}</c> lists up to 32 (queues
/// have no peek here: each is received and made visible again at once), <c>POST /api/manage/poison/{queue}/requeue</c> moves them all back to
/// the queue to be processed again (handlers are idempotent, so a requeued batch never counts twice).
/// </summary>
public static class PoisonQueueAdminApi
{
    private static readonly HashSet<string> Queues = new(Hosting.StorageBootstrap.TriggerQueues, StringComparer.Ordinal);

    public static async Task<IResult> ListAsync(string queue, IStorageAccount storage, CancellationToken ct)
    {
        if (!Queues.Contains(queue))
        {
            return Problems.NotFound($"no poison queue for '{queue}'");
        }

        var poison = storage.GetQueueClient(queue + Hosting.StorageBootstrap.PoisonSuffix);
        var messages = await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct);
        foreach (var message in messages)
        {
            await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, cancellationToken: ct);
        }

        return Results.Json(messages.Select(m => new { id = m.MessageId, insertedOn = m.InsertedOn, text = m.MessageText }));
    }

    public static async Task<IResult> RequeueAsync(string queue, IStorageAccount storage, CancellationToken ct)
    {
        if (!Queues.Contains(queue))
        {
            return Problems.NotFound($"no poison queue for '{queue}'");
        }

        var poison = storage.GetQueueClient(queue + Hosting.StorageBootstrap.PoisonSuffix);
        var target = storage.GetQueueClient(queue);
        var moved = 0;
        while (true)
        {
            var messages = await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), ct);
            if (messages.Count == 0)
            {
                return Results.Json(new { requeued = moved });
            }

            foreach (var message in messages)
            {
                await target.SendMessageAsync(message.MessageText, cancellationToken: ct);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                moved++;
            }
        }
    }
}
