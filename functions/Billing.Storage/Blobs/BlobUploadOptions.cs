namespace Billing.Storage.Blobs;

/// <summary>
/// Content type (default <c>application/octet-stream</c>), metadata (<c>x-ms-meta-*</c>; names must be C# identifiers,
/// values ASCII), and <see cref="WriteOnce"/>: refuse to replace an existing blob (<c>If-None-Match: *</c>).
/// </summary>
public sealed record BlobUploadOptions
{
    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public bool WriteOnce { get; init; }
}
