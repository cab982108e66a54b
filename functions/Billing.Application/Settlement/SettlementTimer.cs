using Billing.Application.Configuration;
using Billing.Application.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// The timer-triggered function that starts settlement: on the NCrontab schedule <c>Billing:SettlementSchedule</c>
/// (6 fields, seconds first; default every 5 minutes) it queues a settlement request per invoiced customer.
/// Each settles whatever periods have ended plus the grace. Not run with a simulated clock, which
/// <c>POST /api/manage/clock/advance</c> drives instead.
/// </summary>
public sealed partial class SettlementTimer(SettlementFanOut fanOut, IOptions<BillingOptions> options, ScheduleLocks locks, ILogger<SettlementTimer> logger) : ScheduledFunction(locks, logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => UntilNext(options.Value.SettlementSchedule, utcNow);

    protected override async Task RunAsync(CancellationToken ct) => LogQueued(await fanOut.RequestAllAsync(ct));

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement requested for {Customers} invoiced customers")]
    private partial void LogQueued(int customers);
}
