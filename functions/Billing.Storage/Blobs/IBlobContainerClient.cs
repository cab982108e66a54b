using Azure;

namespace Billing.Storage.Blobs;

/// <summary>
/// One blob container, shaped like the official <c>BlobContainerClient</c>/<c>BlobClient</c> calls this code base uses.
/// Block blobs uploaded in one request (no chunking, no snapshots, no access tiers); leases for locks only (<see cref="TryAcquireLeaseAsync"/>).
/// Implemented over the SDK's <c>BlobContainerClient</c> (<see cref="StorageAccount.GetBlobContainerClient"/>) and in memory (<see cref="InMemory.InMemoryBlobContainerClient"/>)
/// with the same errors: 404 <c>ContainerNotFound</c>/<c>BlobNotFound</c>, 409 <c>BlobAlreadyExists</c> for a write-once blob.
/// </summary>
public interface IBlobContainerClient
{
    string Name { get; }

    /// <summary>Creates the container (private access); false when it already existed.</summary>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the blob, replacing it unless <see cref="BlobUploadOptions.WriteOnce"/> is set (then 409 <c>BlobAlreadyExists</c>).</summary>
    Task<BlobContentInfo> UploadBlobAsync(string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the content and properties; 404 <c>BlobNotFound</c> when absent.</summary>
    Task<BlobDownloadResult> DownloadContentAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>Reads the properties only; 404 when absent.</summary>
    Task<BlobProperties> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>Blobs whose names start with <paramref name="prefix"/>, in name order, following the service's markers (page size via <c>AsPages(pageSizeHint: n)</c>).</summary>
    AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; 404 <c>BlobNotFound</c> when absent.</summary>
    Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; false when it was absent.</summary>
    Task<bool> DeleteBlobIfExistsAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a lease of <paramref name="duration"/> (15-60 s) on the blob, creating it empty when absent; null when another
    /// holder has it (409 <c>LeaseAlreadyPresent</c>). The blob is a lock: its content is not used, its metadata may be.
    /// Not in the in-memory twin.
    /// </summary>
    Task<IBlobLease?> TryAcquireLeaseAsync(string blobName, TimeSpan duration, CancellationToken cancellationToken = default);
}
