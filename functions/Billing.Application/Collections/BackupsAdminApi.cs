using Billing.Storage;
using Billing.Storage.Usage;

namespace Billing.Application.Collections;

/// <summary>
/// <c>GET /api/manage/customers/{id}/backups</c>: the backups taken before suspensions, with size and SHA-256;
/// <c>GET /api/manage/backups/{*name}</c>: one backup's zip.
/// </summary>
public static class BackupsAdminApi
{
    public static async Task<IResult> ListAsync(string id, IStorageAccount storage, CancellationToken ct)
    {
        var container = storage.GetBlobContainerClient(CollectionsService.BackupContainer);
        var backups = new List<object>();
        await foreach (var blob in container.GetBlobsAsync(KeyEscaping.Escape(id) + "/", ct))
        {
            var properties = await container.GetPropertiesAsync(blob.Name, ct);
            backups.Add(new { name = blob.Name, size = properties.ContentLength, sha256 = properties.Metadata.GetValueOrDefault("sha256"), createdOn = properties.LastModified });
        }

        return Results.Json(backups);
    }

    public static async Task<IResult> GetAsync(string name, IStorageAccount storage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (Http.BlobNameQuery.CannotName(name))
        {
            return Http.Problems.NotFound($"no backup named '{name[..Math.Min(name.Length, 200)]}'");
        }

        try
        {
            var blob = await storage.GetBlobContainerClient(CollectionsService.BackupContainer).DownloadContentAsync(name, ct);
            return Results.Bytes(blob.Content.ToArray(), "application/zip", Path.GetFileName(name));
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound || Http.BlobNameQuery.Refused(ex))
        {
            return Http.Problems.NotFound($"no backup named '{name}'");
        }
    }
}
