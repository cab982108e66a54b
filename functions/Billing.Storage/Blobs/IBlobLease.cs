namespace Billing.Storage.Blobs;

/// <summary>
/// A held lease on one blob (<c>x-ms-lease-action</c> acquire/renew/release): while it holds, no other holder can
/// acquire it or write the blob. It expires when not renewed within its duration, so a holder that dies frees it.
/// <see cref="Metadata"/> is the blob's metadata read just after the lease was taken; <see cref="SetMetadataAsync"/>
/// writes it under the lease. Disposing releases it (a lease already lost is ignored).
/// </summary>
public interface IBlobLease : IAsyncDisposable
{
    string LeaseId { get; }

    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Extends the lease by its duration from now; 409 <c>LeaseIdMismatchWithLeaseOperation</c> or <c>LeaseLost</c> when it was lost.</summary>
    Task RenewAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the blob's metadata, conditional on this lease (names must be C# identifiers, values ASCII).</summary>
    Task SetMetadataAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up at once, so another holder may take it without waiting for it to expire.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken = default);
}
