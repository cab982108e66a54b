namespace Billing.Storage.Blobs;

/// <summary>A downloaded blob: its whole content and its properties.</summary>
public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Details);
