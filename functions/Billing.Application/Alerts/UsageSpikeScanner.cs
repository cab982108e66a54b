using Billing.Application.Configuration;
using Billing.Application.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Application.Alerts;

/// <summary>Runs <see cref="UsageSpikeMonitor.ScanAsync"/> every <c>Billing:SpikeScanInterval</c> (default one minute).</summary>
public sealed class UsageSpikeScanner(UsageSpikeMonitor monitor, IOptions<BillingOptions> options, ScheduleLocks locks, ILogger<UsageSpikeScanner> logger) : ScheduledFunction(locks, logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => options.Value.SpikeScanInterval;

    protected override Task RunAsync(CancellationToken ct) => monitor.ScanAsync(ct);
}
