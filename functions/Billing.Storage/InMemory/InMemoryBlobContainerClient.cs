using System.Globalization;
using Azure;
using Billing.Storage.Blobs;
using Billing.Storage.Http;

namespace Billing.Storage.InMemory;

/// <summary>
/// The in-memory twin of the Azure blob container client (see <see cref="InMemoryStorageAccount"/> for where it serves): same errors (404 <c>ContainerNotFound</c>/<c>BlobNotFound</c>,
/// 409 <c>BlobAlreadyExists</c> for write-once), name-ordered listing in pages of up to 5,000 with markers.
/// Content is copied in and out.
/// </summary>
public sealed class InMemoryBlobContainerClient : IBlobContainerClient
{
    private const int ServicePageSize = 5000;

    private readonly InMemoryStorageAccount account;

    internal InMemoryBlobContainerClient(InMemoryStorageAccount account, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.account = account;
        Name = name;
    }

    public string Name { get; }

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        account.CountRequest(cancellationToken);
        return Task.FromResult(account.Containers.TryAdd(Name, new ContainerState()));
    }

    public Task<BlobContentInfo> UploadBlobAsync(
        string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobNames.ValidateName(blobName);
        options ??= new BlobUploadOptions();
        BlobNames.ValidateMetadata(options.Metadata);
        account.CountRequest(cancellationToken);

        ContainerState container = State(Describe("Upload", blobName));
        lock (container)
        {
            if (options.WriteOnce && container.Blobs.ContainsKey(blobName))
            {
                throw TwinErrors.Conflict(StorageErrorCode.BlobAlreadyExists, Describe("Upload", blobName));
            }

            DateTimeOffset now = account.NextTimestamp();
            var properties = new BlobProperties(
                options.ContentType ?? "application/octet-stream",
                content.ToMemory().Length,
                new ETag("\"0x" + now.UtcTicks.ToString("X", CultureInfo.InvariantCulture) + "\""),
                TruncateToSeconds(now),
                new Dictionary<string, string>(options.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase));
            container.Blobs[blobName] = new StoredBlob(content.ToArray(), properties);
            return Task.FromResult(new BlobContentInfo(properties.ETag, properties.LastModified));
        }
    }

    public Task<BlobDownloadResult> DownloadContentAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StoredBlob blob = Find(blobName, "Download", cancellationToken);
        return Task.FromResult(new BlobDownloadResult(BinaryData.FromBytes(blob.Content.ToArray()), blob.Properties));
    }

    public Task<BlobProperties> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(blobName, "Get properties of", cancellationToken).Properties);

    public AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new DelegatingPageable<BlobItem>((marker, pageSize, ct) => Task.FromResult(ListPage(prefix, marker, pageSize, ct)), cancellationToken);

    public async Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken = default)
    {
        if (!await DeleteBlobIfExistsAsync(blobName, cancellationToken).ConfigureAwait(false))
        {
            throw TwinErrors.NotFound(StorageErrorCode.BlobNotFound, Describe("Delete", blobName));
        }
    }

    public Task<bool> DeleteBlobIfExistsAsync(string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateName(blobName);
        account.CountRequest(cancellationToken);
        ContainerState container = State(Describe("Delete", blobName));
        lock (container)
        {
            return Task.FromResult(container.Blobs.Remove(blobName));
        }
    }

    /// <summary>Leases are not in the twin: nothing that runs on it takes a lock.</summary>
    public Task<IBlobLease?> TryAcquireLeaseAsync(string blobName, TimeSpan duration, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Blob leases are not in the in-memory twin; run against Azurite.");

    private Page<BlobItem> ListPage(string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        int size = Math.Min(pageSize ?? ServicePageSize, ServicePageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSize));
        account.CountRequest(cancellationToken);
        ContainerState container = State($"List blobs in '{Name}'");
        lock (container)
        {
            List<KeyValuePair<string, StoredBlob>> matching = container.Blobs
                .Where(b => (prefix is null || b.Key.StartsWith(prefix, StringComparison.Ordinal))
                    && (marker is null || string.CompareOrdinal(b.Key, marker) >= 0))
                .Take(size + 1)
                .ToList();
            string? next = matching.Count > size ? matching[size].Key : null;
            return Page<BlobItem>.FromValues(matching.Take(size).Select(b => new BlobItem(b.Key, b.Value.Properties)).ToList(), next, TwinResponse.Ok);
        }
    }

    private StoredBlob Find(string blobName, string verb, CancellationToken cancellationToken)
    {
        BlobNames.ValidateName(blobName);
        account.CountRequest(cancellationToken);
        ContainerState container = State(Describe(verb, blobName));
        lock (container)
        {
            return container.Blobs.GetValueOrDefault(blobName)
                ?? throw TwinErrors.NotFound(StorageErrorCode.BlobNotFound, Describe(verb, blobName));
        }
    }

    private ContainerState State(string what) =>
        account.Containers.GetValueOrDefault(Name) ?? throw TwinErrors.NotFound(StorageErrorCode.ContainerNotFound, what);

    // The service reports Last-Modified in whole seconds (an HTTP date).
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private string Describe(string verb, string blobName) => $"{verb} blob '{blobName}' in container '{Name}'";

    /// <summary>A container's blobs in ordinal name order. Guarded by locking the instance.</summary>
    internal sealed class ContainerState
    {
        public SortedDictionary<string, StoredBlob> Blobs { get; } = new(StringComparer.Ordinal);
    }

    internal sealed record StoredBlob(ReadOnlyMemory<byte> Content, BlobProperties Properties);
}
