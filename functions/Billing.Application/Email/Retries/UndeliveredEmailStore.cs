using System.Security.Cryptography;
using System.Text;
using Azure;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.Http;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Application.Email.Retries;

/// <summary>
/// Emails the provider did not take: a row per message id in table <c>undeliveredemails</c> (PartitionKey the kind,
/// RowKey the message id) and the message itself in container <c>undelivered-emails</c> (blob <c>{sha256 of the id}.json</c>),
/// written before the row so a row always has its message. Recording is an insert: a message id is recorded once, and
/// its row then follows its retries (claims and outcomes are written with the row's ETag, so two hosts never both retry it).
/// </summary>
public sealed class UndeliveredEmailStore(IStorageAccount storage)
{
    public const string TableName = "undeliveredemails";
    public const string Container = "undelivered-emails";

    private const int MaxErrorLength = 2000;
    private const int MaxSubjectLength = 300;

    private readonly ITableClient table = storage.GetTableClient(TableName);
    private readonly IBlobContainerClient blobs = storage.GetBlobContainerClient(Container);

    /// <summary>The message id's record, or null when it never failed.</summary>
    public async Task<UndeliveredEmail?> GetAsync(string messageId, CancellationToken ct = default)
    {
        var row = await table.GetEntityIfExistsAsync(KeyEscaping.Escape(UndeliveredEmail.KindOf(messageId)), KeyEscaping.Escape(messageId), ct);
        return row is null ? null : Read(row);
    }

    /// <summary>Keeps the message and records its first failure; a message id recorded before is left as it stands.</summary>
    public async Task RecordAsync(EmailMessage message, string error, bool permanent, DateTimeOffset failedAt, DateTimeOffset nextAttemptAt, CancellationToken ct = default)
    {
        await blobs.CreateIfNotExistsAsync(ct);
        await blobs.UploadBlobAsync(BlobName(message.MessageId), StoredEmailMessage.Of(message).ToJson(), new BlobUploadOptions { ContentType = "application/json" }, ct);
        var email = new UndeliveredEmail(
            message.MessageId,
            UndeliveredEmail.KindOf(message.MessageId),
            string.Join(", ", message.To?.Select(t => t.Address) ?? []),
            message.Subject ?? string.Empty,
            UndeliveredEmailStatus.Pending,
            1,
            failedAt,
            failedAt,
            nextAttemptAt,
            error,
            permanent,
            null);
        try
        {
            await table.AddEntityAsync(Row(email), ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            // Recorded by an earlier run of the same step: its record and retries stand.
        }
    }

    /// <summary>Every recorded email, or those with <paramref name="status"/>, by kind and message id.</summary>
    public async Task<IReadOnlyList<UndeliveredEmail>> ListAsync(UndeliveredEmailStatus? status = null, CancellationToken ct = default)
    {
        var emails = new List<UndeliveredEmail>();
        try
        {
            var filter = status is { } wanted ? TableFilter.Create($"Status eq {Name(wanted)}") : null;
            await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
            {
                emails.Add(Read(row));
            }
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            // Nothing ever failed.
        }

        return emails.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.MessageId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// One page of the recorded emails (by kind, then message id), or of those with <paramref name="status"/>, at most
    /// <paramref name="pageSize"/>, from the position <paramref name="continuationToken"/> names (null: the first); the
    /// next page's token is null after the last. A filtered page may be empty before the last.
    /// </summary>
    public async Task<(IReadOnlyList<UndeliveredEmail> Emails, string? ContinuationToken)> PageAsync(
        UndeliveredEmailStatus? status, string? continuationToken, int pageSize, CancellationToken ct = default)
    {
        try
        {
            var filter = status is { } wanted ? TableFilter.Create($"Status eq {Name(wanted)}") : null;
            var (rows, next) = await table.QueryAsync(filter, pageSize, cancellationToken: ct).PageAsync(continuationToken, pageSize);
            return ([.. rows.Select(Read)], next);
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            // Nothing ever failed.
        }

        return ([], null);
    }

    /// <summary>The message as it was first sent.</summary>
    public async Task<EmailMessage> MessageAsync(UndeliveredEmail email, CancellationToken ct = default) =>
        StoredEmailMessage.Parse((await blobs.DownloadContentAsync(BlobName(email.MessageId), ct)).Content).ToMessage();

    /// <summary>Writes the record if nobody changed it since it was read; returns it with its new ETag, or null when another host got there first.</summary>
    public async Task<UndeliveredEmail?> TryUpdateAsync(UndeliveredEmail email, CancellationToken ct = default)
    {
        try
        {
            var etag = await table.UpdateEntityAsync(Row(email), email.ETag, TableUpdateMode.Replace, ct);
            return email with { ETag = etag };
        }
        catch (StorageRequestFailedException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>An error as it is kept: one line, at most 2,000 characters.</summary>
    public static string Trim(string error)
    {
        var line = error.ReplaceLineEndings(" ");
        return line.Length <= MaxErrorLength ? line : line[..MaxErrorLength];
    }

    private static string BlobName(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId))) + ".json";

    private static string Name(UndeliveredEmailStatus status) => status.ToString().ToLowerInvariant();

    private static TableEntity Row(UndeliveredEmail email)
    {
        var row = new TableEntity(KeyEscaping.Escape(email.Kind), KeyEscaping.Escape(email.MessageId))
        {
            ["MessageId"] = email.MessageId,
            ["Kind"] = email.Kind,
            ["To"] = email.To.Length > MaxErrorLength ? email.To[..MaxErrorLength] : email.To,
            ["Subject"] = email.Subject.Length > MaxSubjectLength ? email.Subject[..MaxSubjectLength] : email.Subject,
            ["Status"] = Name(email.Status),
            ["Attempts"] = email.Attempts,
            ["FirstFailedAt"] = email.FirstFailedAt,
            ["LastAttemptAt"] = email.LastAttemptAt,
            ["NextAttemptAt"] = email.NextAttemptAt,
            ["LastError"] = Trim(email.LastError),
            ["Permanent"] = email.Permanent,
        };
        if (email.SentAt is { } sent)
        {
            row["SentAt"] = sent;
        }

        if (email.ClaimedUntil is { } claimedUntil)
        {
            row["ClaimedUntil"] = claimedUntil;
        }

        return row;
    }

    private static UndeliveredEmail Read(TableEntity row) => new(
        row.GetString("MessageId") ?? KeyEscaping.Unescape(row.RowKey),
        row.GetString("Kind") ?? KeyEscaping.Unescape(row.PartitionKey),
        row.GetString("To") ?? string.Empty,
        row.GetString("Subject") ?? string.Empty,
        row.GetString("Status") == Name(UndeliveredEmailStatus.Sent) ? UndeliveredEmailStatus.Sent : UndeliveredEmailStatus.Pending,
        row.GetInt32("Attempts") ?? 1,
        row.GetDateTimeOffset("FirstFailedAt") ?? default,
        row.GetDateTimeOffset("LastAttemptAt") ?? default,
        row.GetDateTimeOffset("NextAttemptAt") ?? default,
        row.GetString("LastError") ?? string.Empty,
        row.GetBoolean("Permanent") ?? false,
        row.GetDateTimeOffset("SentAt"))
    {
        ETag = row.ETag,
        ClaimedUntil = row.GetDateTimeOffset("ClaimedUntil"),
    };
}
