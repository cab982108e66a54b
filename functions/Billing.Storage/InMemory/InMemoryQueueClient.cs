using Billing.Storage.Queues;

namespace Billing.Storage.InMemory;

/// <summary>
/// The in-memory twin of the Azure queue client (see <see cref="InMemoryStorageAccount"/> for where it serves):
/// visibility timeouts and expiry on the injected clock, dequeue counts, pop receipts renewed on every receive and update, and the same errors and limits. Messages are
/// received oldest first, as the service approximately does.
/// </summary>
public sealed class InMemoryQueueClient : IQueueClient
{
    private readonly InMemoryStorageAccount account;

    internal InMemoryQueueClient(InMemoryStorageAccount account, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.account = account;
        Name = name;
    }

    public string Name { get; }

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        account.CountRequest(cancellationToken);
        return Task.FromResult(account.Queues.TryAdd(Name, new QueueState()));
    }

    public Task<int> GetApproximateMessagesCountAsync(CancellationToken cancellationToken = default)
    {
        account.CountRequest(cancellationToken);
        QueueState queue = State($"Get metadata of queue '{Name}'");
        DateTimeOffset now = account.Time.GetUtcNow();
        lock (queue)
        {
            return Task.FromResult(queue.Messages.Count(m => m.ExpiresOn > now));
        }
    }

    public Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueMessageRules.Encode(messageText);
        int visibility = QueueMessageRules.Seconds(visibilityTimeout ?? TimeSpan.Zero, TimeSpan.Zero, QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        int ttl = QueueMessageRules.TimeToLiveSeconds(timeToLive);
        QueueMessageRules.ValidateSend(visibility, ttl);
        account.CountRequest(cancellationToken);

        QueueState queue = State($"Send to queue '{Name}'");
        DateTimeOffset now = account.Time.GetUtcNow();
        var message = new StoredMessage
        {
            MessageId = Guid.NewGuid().ToString("D"),
            PopReceipt = NewPopReceipt(),
            Text = messageText,
            InsertedOn = now,
            ExpiresOn = ttl == -1 ? DateTimeOffset.MaxValue : now.AddSeconds(ttl),
            NextVisibleOn = now.AddSeconds(visibility),
        };
        lock (queue)
        {
            queue.Messages.Add(message);
        }

        return Task.FromResult(new SendReceipt(message.MessageId, message.PopReceipt, message.InsertedOn, message.ExpiresOn, message.NextVisibleOn));
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        QueueMessageRules.ValidateReceiveCount(maxMessages);
        int visibility = QueueMessageRules.Seconds(
            visibilityTimeout ?? QueueMessageRules.DefaultReceiveVisibility, TimeSpan.FromSeconds(1), QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        account.CountRequest(cancellationToken);

        QueueState queue = State($"Receive from queue '{Name}'");
        DateTimeOffset now = account.Time.GetUtcNow();
        lock (queue)
        {
            queue.Messages.RemoveAll(m => m.ExpiresOn <= now);
            var received = new List<QueueMessage>();
            foreach (StoredMessage message in queue.Messages.Where(m => m.NextVisibleOn <= now).Take(maxMessages))
            {
                message.DequeueCount++;
                message.PopReceipt = NewPopReceipt();
                message.NextVisibleOn = now.AddSeconds(visibility);
                received.Add(new QueueMessage(
                    message.MessageId, message.PopReceipt, message.DequeueCount, message.Text, message.InsertedOn, message.ExpiresOn, message.NextVisibleOn));
            }

            return Task.FromResult<IReadOnlyList<QueueMessage>>(received);
        }
    }

    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        string what = $"Delete message '{messageId}' from queue '{Name}'";
        QueueState queue = QueueFor(messageId, popReceipt, what, cancellationToken);
        lock (queue)
        {
            queue.Messages.Remove(Received(queue, messageId, popReceipt, what));
        }

        return Task.CompletedTask;
    }

    public Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default)
    {
        int visibility = QueueMessageRules.Seconds(visibilityTimeout, TimeSpan.Zero, QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        if (messageText is not null)
        {
            QueueMessageRules.Encode(messageText);
        }

        string what = $"Update message '{messageId}' in queue '{Name}'";
        QueueState queue = QueueFor(messageId, popReceipt, what, cancellationToken);
        lock (queue)
        {
            StoredMessage message = Received(queue, messageId, popReceipt, what);
            message.PopReceipt = NewPopReceipt();
            message.NextVisibleOn = account.Time.GetUtcNow().AddSeconds(visibility);
            message.Text = messageText ?? message.Text;
            return Task.FromResult(new UpdateReceipt(message.PopReceipt, message.NextVisibleOn));
        }
    }

    private QueueState QueueFor(string messageId, string popReceipt, string what, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        account.CountRequest(cancellationToken);
        return State(what);
    }

    /// <summary>The unexpired message a pop receipt was issued for; call with the queue locked.</summary>
    private StoredMessage Received(QueueState queue, string messageId, string popReceipt, string what)
    {
        DateTimeOffset now = account.Time.GetUtcNow();
        StoredMessage message = queue.Messages.Find(m => m.MessageId == messageId && m.ExpiresOn > now)
            ?? throw TwinErrors.NotFound(StorageErrorCode.MessageNotFound, what);
        return message.PopReceipt == popReceipt ? message : throw TwinErrors.BadRequest(StorageErrorCode.PopReceiptMismatch, what);
    }

    private QueueState State(string what) =>
        account.Queues.GetValueOrDefault(Name) ?? throw TwinErrors.NotFound(StorageErrorCode.QueueNotFound, what);

    private static string NewPopReceipt() => Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    /// <summary>A queue's messages in insertion order. Guarded by locking the instance.</summary>
    internal sealed class QueueState
    {
        public List<StoredMessage> Messages { get; } = [];
    }

    internal sealed class StoredMessage
    {
        public required string MessageId { get; init; }

        public required string PopReceipt { get; set; }

        public required string Text { get; set; }

        public required DateTimeOffset InsertedOn { get; init; }

        public required DateTimeOffset ExpiresOn { get; init; }

        public required DateTimeOffset NextVisibleOn { get; set; }

        public long DequeueCount { get; set; }
    }
}
