using Billing.Functions.Configuration;
using Billing.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Imports;

/// <summary>The timer-triggered function that imports dropped usage files, on <c>Billing:ImportSchedule</c> (NCrontab with seconds; default every minute).</summary>
public sealed class UsageImportTimer(UsageImporter importer, IOptions<BillingOptions> options, ScheduleLocks locks, ILogger<UsageImportTimer> logger) : ScheduledFunction(locks, logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => UntilNext(options.Value.ImportSchedule, utcNow);

    protected override Task RunAsync(CancellationToken ct) => importer.RunAsync(ct);
}
