using Billing.Storage.Queues;

namespace Billing.Application.Queues;

/// <summary>
/// A queue function that handles the messages of one fetch together (e.g. to write more rows per storage request).
/// It answers per message: null when done (deleted), the failure otherwise (retried, and moved to poison after
/// the maximum attempts), so one bad message never holds the others back.
/// </summary>
public interface IQueueBatchFunction : IQueueFunction
{
    Task<IReadOnlyList<Exception?>> RunBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken);
}
