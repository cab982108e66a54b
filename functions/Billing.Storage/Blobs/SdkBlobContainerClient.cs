using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Billing.Storage.Http;

namespace Billing.Storage.Blobs;

/// <summary>
/// <see cref="IBlobContainerClient"/> over the SDK's <see cref="BlobContainerClient"/>: block blobs, a write-once upload
/// is conditional on <c>If-None-Match: *</c> (<see cref="ETag.All"/>), listings include metadata. Names and metadata are
/// checked before any request; the SDK's errors become <see cref="StorageRequestFailedException"/>.
/// Built by <see cref="StorageAccount.GetBlobContainerClient"/>.
/// </summary>
internal sealed class SdkBlobContainerClient(BlobContainerClient client) : IBlobContainerClient
{
    private const string DefaultContentType = "application/octet-stream";

    public string Name => client.Name;

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CreateAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "ContainerAlreadyExists")
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, $"Create container '{Name}'");
        }
    }

    public async Task<BlobContentInfo> UploadBlobAsync(
        string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobNames.ValidateName(blobName);
        options ??= new BlobUploadOptions();
        BlobNames.ValidateMetadata(options.Metadata);
        var upload = new Azure.Storage.Blobs.Models.BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = options.ContentType ?? DefaultContentType },
            Metadata = options.Metadata?.ToDictionary(m => m.Key, m => m.Value, StringComparer.OrdinalIgnoreCase),
            Conditions = options.WriteOnce ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null,
        };
        try
        {
            Response<Azure.Storage.Blobs.Models.BlobContentInfo> response =
                await client.GetBlobClient(blobName).UploadAsync(content, upload, cancellationToken).ConfigureAwait(false);
            return new BlobContentInfo(response.Value.ETag, response.Value.LastModified);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Upload", blobName));
        }
    }

    public async Task<BlobDownloadResult> DownloadContentAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateName(blobName);
        try
        {
            Response<Azure.Storage.Blobs.Models.BlobDownloadResult> response =
                await client.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            BlobDownloadDetails details = response.Value.Details;
            return new BlobDownloadResult(
                response.Value.Content,
                new BlobProperties(details.ContentType ?? string.Empty, details.ContentLength, details.ETag, details.LastModified, Metadata(details.Metadata)));
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Download", blobName));
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateName(blobName);
        try
        {
            Response<Azure.Storage.Blobs.Models.BlobProperties> response =
                await client.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            Azure.Storage.Blobs.Models.BlobProperties properties = response.Value;
            return new BlobProperties(properties.ContentType ?? string.Empty, properties.ContentLength, properties.ETag, properties.LastModified, Metadata(properties.Metadata));
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Get properties of", blobName));
        }
    }

    public AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new MappedPageable<Azure.Storage.Blobs.Models.BlobItem, BlobItem>(
            client.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken),
            item => new BlobItem(
                item.Name,
                new BlobProperties(
                    item.Properties.ContentType ?? string.Empty,
                    item.Properties.ContentLength ?? 0,
                    item.Properties.ETag ?? default,
                    item.Properties.LastModified ?? default,
                    Metadata(item.Metadata))),
            e => Failed(e, $"List blobs in '{Name}'"),
            cancellationToken);

    public async Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateName(blobName);
        try
        {
            await client.GetBlobClient(blobName).DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Delete", blobName));
        }
    }

    public async Task<bool> DeleteBlobIfExistsAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateName(blobName);
        try
        {
            await client.GetBlobClient(blobName).DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.ErrorCode == StorageErrorCode.BlobNotFound)
        {
            // Only a missing blob counts as "already gone"; a missing container is an error.
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Delete", blobName));
        }
    }

    public async Task<IBlobLease?> TryAcquireLeaseAsync(string blobName, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateName(blobName);
        BlobClient blob = client.GetBlobClient(blobName);
        BlobLeaseClient lease = blob.GetBlobLeaseClient();
        try
        {
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.ErrorCode == StorageErrorCode.BlobNotFound)
            {
                await CreateLockBlobAsync(blob, cancellationToken).ConfigureAwait(false);
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == StorageErrorCode.LeaseAlreadyPresent)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw Failed(e, Describe("Lease", blobName));
        }

        var held = new SdkBlobLease(lease, blob, e => Failed(e, Describe("Lease", blobName)));
        try
        {
            Response<Azure.Storage.Blobs.Models.BlobProperties> properties =
                await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            held.Metadata = Metadata(properties.Value.Metadata);
            return held;
        }
        catch (RequestFailedException e)
        {
            await held.DisposeAsync().ConfigureAwait(false);
            throw Failed(e, Describe("Get properties of", blobName));
        }
    }

    /// <summary>Creates the empty lock blob; one created by a racing holder meanwhile is as good.</summary>
    private static async Task CreateLockBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(
                BinaryData.Empty,
                new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // BlobAlreadyExists, or already leased by the racer: the acquire that follows says which.
        }
    }

    private static Dictionary<string, string> Metadata(IDictionary<string, string>? metadata) =>
        metadata is null
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase);

    private StorageRequestFailedException Failed(RequestFailedException error, string operation) =>
        StorageErrors.From(error, client.AccountName, operation);

    private string Describe(string verb, string blobName) => $"{verb} blob '{blobName}' in container '{Name}'";
}
