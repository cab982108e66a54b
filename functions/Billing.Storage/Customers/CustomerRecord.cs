namespace Billing.Storage.Customers;

/// <summary>
/// A customer as stored: the scenario-format document (without id), the SHA-256 of its portal key (the key
/// itself is shown once at creation and never stored), and when it was created and last changed.
/// </summary>
public sealed record CustomerRecord(string Id, string Json, byte[] PortalKeyDigest, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The stored row's version when read, so an update made from this reading fails if another write came between.</summary>
    public Azure.ETag ETag { get; init; }
}
