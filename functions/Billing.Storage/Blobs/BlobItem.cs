namespace Billing.Storage.Blobs;

/// <summary>One entry of a container listing: the blob's name and properties (metadata included).</summary>
public sealed record BlobItem(string Name, BlobProperties Properties);
