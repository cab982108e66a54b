using Billing.Application.Configuration;
using Billing.Application.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Application.Collections;

/// <summary>Runs <see cref="CollectionsMonitor.ScanAsync"/> every <c>Billing:CollectionsScanInterval</c> (default 30 seconds).</summary>
public sealed class CollectionsScanner(CollectionsMonitor monitor, IOptions<BillingOptions> options, ScheduleLocks locks, ILogger<CollectionsScanner> logger) : ScheduledFunction(locks, logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => options.Value.CollectionsScanInterval;

    protected override Task RunAsync(CancellationToken ct) => monitor.ScanAsync(ct);
}
