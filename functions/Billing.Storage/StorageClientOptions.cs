using Azure.Core;

namespace Billing.Storage;

/// <summary>
/// Pipeline options for the storage clients: Azure.Core retry (exponential back-off on 408/429/500/502/503/504
/// and transport failures; 4 retries from 0.2 s, capped at 8 s), transport and extra policies, and the clock
/// used to date requests. Service versions are fixed per service; the emulator is started with
/// <c>--skipApiVersionCheck</c> so it does not lag behind them.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(8);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(60);
        Diagnostics.IsLoggingContentEnabled = false;
    }

    /// <summary>Clock for <c>x-ms-date</c>; the service rejects requests dated more than 15 minutes off.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal const string BlobQueueServiceVersion = "2024-08-04";

    internal const string TableServiceVersion = "2019-02-02";
}
