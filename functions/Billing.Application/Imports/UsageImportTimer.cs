using Billing.Application.Configuration;
using Billing.Application.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Application.Imports;

/// <summary>The timer-triggered function that imports dropped usage files, on <c>Billing:ImportSchedule</c> (NCrontab with seconds; default every minute).</summary>
public sealed class UsageImportTimer(UsageImporter importer, IOptions<BillingOptions> options, ScheduleLocks locks, ILogger<UsageImportTimer> logger) : ScheduledFunction(locks, logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => UntilNext(options.Value.ImportSchedule, utcNow);

    protected override Task RunAsync(CancellationToken ct) => importer.RunAsync(ct);
}
