using Billing.Functions.Configuration;
using Billing.Storage;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Billing.Functions.Settlement;

/// <summary>
/// The timer-triggered function that starts settlement: on the NCrontab schedule <c>Billing:SettlementSchedule</c>
/// (6 fields, seconds first; default every 5 minutes) it queues a settlement request per invoiced customer.
/// Each settles whatever periods have ended plus the grace. Not run with a simulated clock, which
/// <c>POST /api/admin/clock/advance</c> drives instead.
/// </summary>
public sealed partial class SettlementTimer(SettlementFanOut fanOut, IOptions<BillingOptions> options, ILogger<SettlementTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(options.Value.SettlementSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            var next = schedule.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, stoppingToken);
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or InvalidOperationException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    public async Task RunAsync(CancellationToken ct) => LogQueued(await fanOut.RequestAllAsync(ct));

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement requested for {Customers} invoiced customers")]
    private partial void LogQueued(int customers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement timer run failed: {Reason}")]
    private partial void LogFailed(string reason);
}
