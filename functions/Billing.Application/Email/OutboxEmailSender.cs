using System.Globalization;
using Billing.Application.Email.Mime;
using Billing.Storage;
using Billing.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.Application.Email;

/// <summary>
/// The local stand-in for a mail provider: each email becomes an RFC 5322 file (<see cref="EmlWriter"/>, dated by
/// the injected clock) in the <c>outbox</c> container at <see cref="OutboxNames.BlobName"/>, content type
/// <c>message/rfc822</c>, with metadata <c>messageid</c>, <c>to</c>, <c>subject</c> (percent-encoded, since metadata
/// is ASCII) and <c>sentat</c>. The blob is written once: sending a message id that is already there writes nothing
/// and returns the first receipt, so a step re-run after a crash never emails twice. The first write wins even if
/// the content differs. The container is created on first use.
/// </summary>
public sealed partial class OutboxEmailSender : IEmailSender
{
    public const string Provider = "outbox";
    public const string ContainerName = "outbox";
    public const string ContentType = "message/rfc822";

    private readonly IBlobContainerClient container;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public OutboxEmailSender(IStorageAccount storage, TimeProvider time, ILogger<OutboxEmailSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        container = storage.GetBlobContainerClient(ContainerName);
        this.time = time;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        string name = OutboxNames.BlobName(message.MessageId);
        DateTimeOffset now = time.GetUtcNow();
        var content = BinaryData.FromBytes(EmlWriter.Write(message, now));
        var options = new BlobUploadOptions
        {
            ContentType = ContentType,
            WriteOnce = true,
            Metadata = new Dictionary<string, string>
            {
                [OutboxMetadata.MessageId] = OutboxMetadata.Encode(message.MessageId),
                [OutboxMetadata.To] = OutboxMetadata.Encode(string.Join(", ", message.To.Select(t => t.Address))),
                [OutboxMetadata.Subject] = OutboxMetadata.Encode(message.Subject.Length > 300 ? message.Subject[..300] : message.Subject),
                [OutboxMetadata.SentAt] = now.ToString("O", CultureInfo.InvariantCulture),
            },
        };

        try
        {
            await UploadAsync(name, content, options, cancellationToken);
            LogWritten(logger, message.MessageId, name);
            return new EmailReceipt(Provider, message.MessageId, name, now);
        }
        catch (StorageRequestFailedException error) when (error.IsConflict && error.ErrorCode == StorageErrorCode.BlobAlreadyExists)
        {
            BlobProperties existing = await container.GetPropertiesAsync(name, cancellationToken);
            LogAlreadySent(logger, message.MessageId, name);
            return new EmailReceipt(Provider, message.MessageId, name, OutboxMetadata.SentAtOf(existing));
        }
    }

    private async Task UploadAsync(string name, BinaryData content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await container.UploadBlobAsync(name, content, options, cancellationToken);
        }
        catch (StorageRequestFailedException error) when (error.IsNotFound && error.ErrorCode == StorageErrorCode.ContainerNotFound)
        {
            await container.CreateIfNotExistsAsync(cancellationToken);
            await container.UploadBlobAsync(name, content, options, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} written to the outbox as {BlobName}")]
    private static partial void LogWritten(ILogger logger, string messageId, string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} was already in the outbox as {BlobName}; not written again")]
    private static partial void LogAlreadySent(ILogger logger, string messageId, string blobName);
}
