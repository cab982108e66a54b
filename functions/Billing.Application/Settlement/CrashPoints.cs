using Billing.Application.Configuration;
using Billing.Storage;
using Billing.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// Fault injection for recovery tests: with <c>Billing:CrashAfter</c> set to <c>numbering</c>, <c>rendering</c>,
/// <c>email</c>, <c>batch</c> (a settlement cycle's batch activity), <c>backup</c> (between a dunning backup and its
/// suspend) or <c>dunning-step</c> (a dunning step collected, before its activity completes) or <c>paid-notice</c> (an invoice made paid, before its dunning is told) or <c>payment-recorded</c> (a payment stored,
/// before it is announced, applied or acknowledged), the host process dies abruptly (no cleanup, like a power cut) the first time settlement passes that
/// point. "First" is remembered in storage (blob <c>crash/{point}</c>), so the restarted host runs through. Unset
/// (the default) it does nothing.
/// </summary>
public sealed class CrashPoints(IOptions<BillingOptions> options, IStorageAccount storage)
{
    public async Task PassAsync(string point, CancellationToken ct)
    {
        if (!string.Equals(options.Value.CrashAfter, point, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var container = storage.GetBlobContainerClient("crash");
        await container.CreateIfNotExistsAsync(ct);
        try
        {
            await container.UploadBlobAsync(point, BinaryData.FromString(point), new BlobUploadOptions { WriteOnce = true }, ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            return;
        }

        Environment.FailFast($"injected crash after {point} (Billing:CrashAfter)");
    }
}
