using Azure.Core;
using Azure.Core.Pipeline;
using Billing.Storage.Http;
using Billing.Storage.Tables;

namespace Billing.Storage;

/// <summary>
/// What the three SDK clients of a <see cref="StorageAccount"/> share: Azure.Core retry (exponential back-off on
/// 408/429/500/502/503/504 and transport failures; 4 retries from 0.2 s, capped at 8 s, 60 s per attempt), request
/// bodies kept out of logs, an optional transport, and extra pipeline policies. Every client also gets the storage
/// metrics policy (<see cref="StorageMetrics"/>) and, for tables, the check that an entity group transaction's body
/// stays under 4 MiB; both run per call, before any policy added here, so a refused transaction reaches nothing.
/// </summary>
public sealed class StorageClientOptions
{
    private readonly List<(HttpPipelinePolicy Policy, HttpPipelinePosition Position)> policies = [];

    /// <summary>The HTTP transport; null for the SDK's default.</summary>
    public HttpPipelineTransport? Transport { get; set; }

    /// <summary>Adds a policy to every client built with these options.</summary>
    public void AddPolicy(HttpPipelinePolicy policy, HttpPipelinePosition position)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policies.Add((policy, position));
    }

    /// <summary>These settings (retry, metrics, policies) applied to an SDK client's <paramref name="options"/> for <paramref name="service"/>; for clients built outside <see cref="StorageAccount"/>.</summary>
    public TOptions ApplyTo<TOptions>(TOptions options, StorageService service)
        where TOptions : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(8);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(60);
        options.Diagnostics.IsLoggingContentEnabled = false;
        if (Transport is not null)
        {
            options.Transport = Transport;
        }

        if (service == StorageService.Table)
        {
            options.AddPolicy(new TransactionSizePolicy(), HttpPipelinePosition.PerCall);
        }

        options.AddPolicy(new StorageMetricsPolicy(service), HttpPipelinePosition.PerCall);
        foreach ((HttpPipelinePolicy policy, HttpPipelinePosition position) in policies)
        {
            options.AddPolicy(policy, position);
        }

        return options;
    }
}
