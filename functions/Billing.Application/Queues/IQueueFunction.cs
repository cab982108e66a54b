using Billing.Storage.Queues;

namespace Billing.Application.Queues;

/// <summary>
/// A queue-triggered function: <see cref="RunAsync"/> runs once per message; returning means done (the message
/// is deleted), throwing means retry (after <see cref="Configuration.QueueOptions.MaxDequeueCount"/> failures the
/// message moves to <c>&lt;queue&gt;-poison</c>). Handlers must be idempotent: a message can arrive twice.
/// </summary>
public interface IQueueFunction
{
    string QueueName { get; }

    Task RunAsync(QueueMessage message, CancellationToken cancellationToken);
}
