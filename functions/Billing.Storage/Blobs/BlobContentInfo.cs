using Azure;

namespace Billing.Storage.Blobs;

/// <summary>What an upload returns: the blob's new ETag and last-modified time.</summary>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified);
