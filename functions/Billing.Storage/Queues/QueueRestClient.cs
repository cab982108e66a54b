using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Billing.Storage.Http;

namespace Billing.Storage.Queues;

/// <summary>
/// <see cref="IQueueClient"/> over the Queue service REST API on an Azure.Core pipeline.
/// Build it through <see cref="StorageAccount.GetQueueClient"/>.
/// </summary>
public sealed class QueueRestClient : IQueueClient
{
    private readonly StoragePipeline pipeline;
    private readonly Uri queueUri;

    internal QueueRestClient(StoragePipeline pipeline, Uri endpoint, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.pipeline = pipeline;
        Name = name;
        queueUri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + name);
    }

    public string Name { get; }

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Put, queueUri);
        Response response = await pipeline.SendAsync(message, $"Create queue '{Name}'", cancellationToken, 409).ConfigureAwait(false);
        return response.Status == 201;
    }

    public async Task<int> GetApproximateMessagesCountAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Get, new Uri(queueUri.AbsoluteUri + "?comp=metadata"));
        Response response = await pipeline.SendAsync(message, $"Get metadata of queue '{Name}'", cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out string? count)
            ? int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Get metadata of queue '{Name}' answered without x-ms-approximate-messages-count.");
    }

    public async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        string encoded = QueueMessageRules.Encode(messageText);
        int visibility = QueueMessageRules.Seconds(visibilityTimeout ?? TimeSpan.Zero, TimeSpan.Zero, QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        int ttl = QueueMessageRules.TimeToLiveSeconds(timeToLive);
        QueueMessageRules.ValidateSend(visibility, ttl);

        using HttpMessage message = pipeline.CreateMessage(
            RequestMethod.Post,
            new Uri($"{queueUri.AbsoluteUri}/messages?visibilitytimeout={visibility.ToString(CultureInfo.InvariantCulture)}&messagettl={ttl.ToString(CultureInfo.InvariantCulture)}"));
        MessageBody(message, encoded);
        Response response = await pipeline.SendAsync(message, $"Send to queue '{Name}'", cancellationToken).ConfigureAwait(false);
        XElement sent = XDocument.Parse(response.Content.ToString()).Root!.Element("QueueMessage")!;
        return new SendReceipt(
            sent.Element("MessageId")!.Value,
            sent.Element("PopReceipt")!.Value,
            Time(sent, "InsertionTime"),
            Time(sent, "ExpirationTime"),
            Time(sent, "TimeNextVisible"));
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        QueueMessageRules.ValidateReceiveCount(maxMessages);
        int visibility = QueueMessageRules.Seconds(
            visibilityTimeout ?? QueueMessageRules.DefaultReceiveVisibility, TimeSpan.FromSeconds(1), QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));

        using HttpMessage message = pipeline.CreateMessage(
            RequestMethod.Get,
            new Uri($"{queueUri.AbsoluteUri}/messages?numofmessages={maxMessages.ToString(CultureInfo.InvariantCulture)}&visibilitytimeout={visibility.ToString(CultureInfo.InvariantCulture)}"));
        Response response = await pipeline.SendAsync(message, $"Receive from queue '{Name}'", cancellationToken).ConfigureAwait(false);
        return XDocument.Parse(response.Content.ToString()).Root!
            .Elements("QueueMessage")
            .Select(m => new QueueMessage(
                m.Element("MessageId")!.Value,
                m.Element("PopReceipt")!.Value,
                long.Parse(m.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
                QueueMessageRules.Decode(m.Element("MessageText")?.Value ?? string.Empty),
                Time(m, "InsertionTime"),
                Time(m, "ExpirationTime"),
                Time(m, "TimeNextVisible")))
            .ToList();
    }

    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Delete, MessageUri(messageId, popReceipt, null));
        await pipeline.SendAsync(message, $"Delete message '{messageId}' from queue '{Name}'", cancellationToken).ConfigureAwait(false);
    }

    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default)
    {
        int visibility = QueueMessageRules.Seconds(visibilityTimeout, TimeSpan.Zero, QueueMessageRules.MaxVisibilityTimeout, nameof(visibilityTimeout));
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Put, MessageUri(messageId, popReceipt, visibility));
        if (messageText is not null)
        {
            MessageBody(message, QueueMessageRules.Encode(messageText));
        }

        Response response = await pipeline.SendAsync(message, $"Update message '{messageId}' in queue '{Name}'", cancellationToken).ConfigureAwait(false);
        return new UpdateReceipt(
            response.Headers.TryGetValue("x-ms-popreceipt", out string? receipt) ? receipt : string.Empty,
            response.Headers.TryGetValue("x-ms-time-next-visible", out string? next) ? DateTimeOffset.Parse(next, CultureInfo.InvariantCulture) : default);
    }

    private Uri MessageUri(string messageId, string popReceipt, int? visibilitySeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        string address = $"{queueUri.AbsoluteUri}/messages/{Uri.EscapeDataString(messageId)}?popreceipt={Uri.EscapeDataString(popReceipt)}";
        if (visibilitySeconds is int seconds)
        {
            address += "&visibilitytimeout=" + seconds.ToString(CultureInfo.InvariantCulture);
        }

        return new Uri(address);
    }

    private static void MessageBody(HttpMessage message, string encoded)
    {
        var body = new XElement("QueueMessage", new XElement("MessageText", encoded));
        message.Request.Headers.Add("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToString(SaveOptions.DisableFormatting)));
    }

    private static DateTimeOffset Time(XElement message, string name) =>
        message.Element(name) is { } element ? DateTimeOffset.Parse(element.Value, CultureInfo.InvariantCulture) : default;
}
