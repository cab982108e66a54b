namespace Billing.Storage.Queues;

/// <summary>
/// One storage queue, shaped like the official <c>QueueClient</c> calls this code base uses. Message text is sent
/// Base64-encoded (UTF-8), as the Functions queue trigger expects, and decoded on receipt (text that is not
/// Base64 is returned as is). Limits checked before sending: 64 KiB encoded message, visibility timeouts up to
/// 7 days, receive batches of 1..32. Not included: peek, clear, user metadata.
/// Implemented over the SDK's <c>QueueClient</c> (<see cref="StorageAccount.GetQueueClient"/>) and in memory (<see cref="InMemory.InMemoryQueueClient"/>)
/// with the same errors: 404 <c>QueueNotFound</c>/<c>MessageNotFound</c>, 400 <c>PopReceiptMismatch</c>.
/// </summary>
public interface IQueueClient
{
    string Name { get; }

    /// <summary>Creates the queue; false when it already existed.</summary>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The queue's approximate message count (Get Queue Metadata's <c>x-ms-approximate-messages-count</c>): every
    /// message not yet deleted or expired, visible or not, so 0 means every message sent has been taken off the queue
    /// (handled, or moved to a poison queue by its consumer).
    /// </summary>
    Task<int> GetApproximateMessagesCountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues a message, invisible for <paramref name="visibilityTimeout"/> (default 0: visible at once) and kept for
    /// <paramref name="timeToLive"/> (default 7 days; <see cref="Timeout.InfiniteTimeSpan"/> for never expiring).
    /// </summary>
    Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Dequeues up to <paramref name="maxMessages"/> (1..32) visible messages, hiding each for <paramref name="visibilityTimeout"/>
    /// (default 30 s) and incrementing its dequeue count. Empty when none is visible.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message; 404 when gone, 400 <c>PopReceiptMismatch</c> when it was received again since.</summary>
    Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>Sets a received message's visibility timeout (0 makes it visible now) and optionally its text; returns the new pop receipt.</summary>
    Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default);
}
