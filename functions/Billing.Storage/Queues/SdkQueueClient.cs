using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Billing.Storage.Queues;

/// <summary>
/// <see cref="IQueueClient"/> over the SDK's <see cref="QueueClient"/>. The SDK client sends text as given
/// (<see cref="QueueMessageEncoding.None"/>); <see cref="QueueMessageRules"/> Base64-encodes it, as the Functions queue
/// trigger expects, and decodes on receipt, tolerating text that is not Base64 (a message put by another tool),
/// which the SDK's own decoding would refuse. Limits are checked before any request; the SDK's errors become
/// <see cref="StorageRequestFailedException"/>. Built by <see cref="StorageAccount.GetQueueClient"/>.
/// </summary>
internal sealed class SdkQueueClient(QueueClient client) : IQueueClient
{
    // The Queue service's spelling of "never expires".
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public string Name => client.Name;

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // 201 when created; 204 when a queue with the same (no) metadata already existed.
            Response response = await client.CreateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Status == 201;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Create queue '{Name}'");
        }
    }

    public async Task<int> GetApproximateMessagesCountAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            Response<QueueProperties> response = await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Get properties of queue '{Name}'");
        }
    }

    public async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        string encoded = QueueMessageRules.Encode(messageText);
        int visibility = QueueMessageRules.Seconds(visibilityTimeout ?? TimeSpan.Zero, TimeSpan.Zero, QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        int ttl = QueueMessageRules.TimeToLiveSeconds(timeToLive);
        QueueMessageRules.ValidateSend(visibility, ttl);
        try
        {
            Response<Azure.Storage.Queues.Models.SendReceipt> response = await client.SendMessageAsync(
                encoded, TimeSpan.FromSeconds(visibility), ttl == -1 ? NeverExpires : TimeSpan.FromSeconds(ttl), cancellationToken).ConfigureAwait(false);
            Azure.Storage.Queues.Models.SendReceipt sent = response.Value;
            return new SendReceipt(sent.MessageId, sent.PopReceipt, sent.InsertionTime, sent.ExpirationTime, sent.TimeNextVisible);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Send to queue '{Name}'");
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        QueueMessageRules.ValidateReceiveCount(maxMessages);
        int visibility = QueueMessageRules.Seconds(
            visibilityTimeout ?? QueueMessageRules.DefaultReceiveVisibility, TimeSpan.FromSeconds(1), QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        try
        {
            Response<Azure.Storage.Queues.Models.QueueMessage[]> response =
                await client.ReceiveMessagesAsync(maxMessages, TimeSpan.FromSeconds(visibility), cancellationToken).ConfigureAwait(false);
            return response.Value
                .Select(m => new QueueMessage(
                    m.MessageId,
                    m.PopReceipt,
                    m.DequeueCount,
                    QueueMessageRules.Decode(m.Body?.ToString() ?? string.Empty),
                    m.InsertedOn ?? default,
                    m.ExpiresOn ?? default,
                    m.NextVisibleOn ?? default))
                .ToList();
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Receive from queue '{Name}'");
        }
    }

    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        try
        {
            await client.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Delete message '{messageId}' from queue '{Name}'");
        }
    }

    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        int visibility = QueueMessageRules.Seconds(visibilityTimeout, TimeSpan.Zero, QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        BinaryData? body = messageText is null ? null : BinaryData.FromString(QueueMessageRules.Encode(messageText));
        try
        {
            Response<Azure.Storage.Queues.Models.UpdateReceipt> response = await client.UpdateMessageAsync(
                messageId, popReceipt, body, TimeSpan.FromSeconds(visibility), cancellationToken).ConfigureAwait(false);
            return new UpdateReceipt(response.Value.PopReceipt, response.Value.NextVisibleOn);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Update message '{messageId}' in queue '{Name}'");
        }
    }

    private StorageRequestFailedException Failed(RequestFailedException error, string operation) =>
        StorageErrors.From(error, client.AccountName, operation);
}
