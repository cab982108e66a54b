using Azure;

namespace Billing.Storage.Blobs;

/// <summary>A blob's system properties and user metadata (names compared case-insensitively, as the service does).</summary>
public sealed record BlobProperties(
    string ContentType,
    long ContentLength,
    ETag ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);
