using Billing.Application.Http;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.Http;

namespace Billing.Application.Email;

/// <summary>
/// Operators' view of the local outbox: <c>GET /api/manage/outbox?prefix=invoice/</c> lists emails in name order, paged
/// like every admin list (<see cref="Paging"/>), as <c>{"items": [{name, to, subject, messageId, size, createdOn}],
/// "continuationToken"}</c>; <c>GET /api/manage/outbox/{name}</c> returns one <c>.eml</c> as <c>message/rfc822</c>.
/// An outbox that was never written to lists as empty. A name no blob can have is a 404, a prefix the storage refuses a 400.
/// </summary>
public static class OutboxAdminApi
{
    private const string List = "outbox";

    public static async Task<IResult> ListAsync(HttpRequest request, IStorageAccount storage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(storage);
        var (paging, position, problem) = Paging.ReadFor(request, List);
        if (problem is not null)
        {
            return problem;
        }

        string prefix = request.Query["prefix"].ToString();
        if (prefix.Length > 0 && BlobNameQuery.CannotName(prefix))
        {
            return Problems.Field("prefix", $"at most {BlobNameQuery.MaxLength} characters, without control characters or noncharacters");
        }

        IReadOnlyList<BlobItem> blobs = [];
        string? next = null;
        try
        {
            IBlobContainerClient outbox = storage.GetBlobContainerClient(OutboxEmailSender.ContainerName);
            (blobs, next) = await outbox.GetBlobsAsync(prefix.Length == 0 ? null : prefix, ct).PageAsync(position, paging!.Limit);
        }
        catch (StorageRequestFailedException error) when (error.IsNotFound && error.ErrorCode == StorageErrorCode.ContainerNotFound)
        {
            // Nothing was ever sent.
        }
        catch (StorageRequestFailedException error) when (BlobNameQuery.Refused(error))
        {
            return Problems.Field("prefix", "not a prefix of blob names the storage service accepts");
        }

        var entries = blobs.Select(blob => new OutboxEntry(
            blob.Name,
            OutboxMetadata.Read(blob.Properties, OutboxMetadata.To),
            OutboxMetadata.Read(blob.Properties, OutboxMetadata.Subject),
            OutboxMetadata.Read(blob.Properties, OutboxMetadata.MessageId),
            blob.Properties.ContentLength,
            blob.Properties.LastModified));
        return Results.Json(new { items = entries, continuationToken = PageToken.Encode(List, next) });
    }

    public static async Task<IResult> GetAsync(string name, IStorageAccount storage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (string.IsNullOrEmpty(name))
        {
            return Problems.NotFound("name the email, e.g. /api/manage/outbox/invoice/INV-2026-000001.eml");
        }

        if (BlobNameQuery.CannotName(name))
        {
            return Problems.NotFound($"no email '{name[..Math.Min(name.Length, 200)]}' in the outbox");
        }

        try
        {
            BlobDownloadResult email = await storage.GetBlobContainerClient(OutboxEmailSender.ContainerName).DownloadContentAsync(name, ct);
            return Results.Bytes(email.Content.ToMemory(), OutboxEmailSender.ContentType);
        }
        catch (StorageRequestFailedException error) when (error.IsNotFound || BlobNameQuery.Refused(error))
        {
            return Problems.NotFound($"no email '{name}' in the outbox");
        }
    }
}

/// <summary>One outbox email as listed: blob name, recipients, subject, message id, size in bytes, when it was stored.</summary>
public sealed record OutboxEntry(string Name, string To, string Subject, string MessageId, long Size, DateTimeOffset CreatedOn);
