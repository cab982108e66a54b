using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Billing.Storage.Blobs;

/// <summary>
/// <see cref="IBlobLease"/> over the SDK's <see cref="BlobLeaseClient"/>; metadata writes carry the lease id.
/// Built by <see cref="SdkBlobContainerClient.TryAcquireLeaseAsync"/>.
/// </summary>
internal sealed class SdkBlobLease(BlobLeaseClient lease, BlobClient blob, Func<RequestFailedException, StorageRequestFailedException> failed) : IBlobLease
{
    private int released;

    public string LeaseId => lease.LeaseId;

    public IReadOnlyDictionary<string, string> Metadata { get; internal set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public async Task RenewAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw failed(e);
        }
    }

    public async Task SetMetadataAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        BlobNames.ValidateMetadata(metadata);
        try
        {
            await blob.SetMetadataAsync(
                metadata.ToDictionary(m => m.Key, m => m.Value, StringComparer.OrdinalIgnoreCase),
                new BlobRequestConditions { LeaseId = lease.LeaseId },
                cancellationToken).ConfigureAwait(false);
            Metadata = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase);
        }
        catch (RequestFailedException e)
        {
            throw failed(e);
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref released, 1) == 1)
        {
            return;
        }

        try
        {
            await lease.ReleaseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw failed(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
        catch (StorageRequestFailedException)
        {
            // Lost or expired already: the lease is free either way.
        }
    }
}
