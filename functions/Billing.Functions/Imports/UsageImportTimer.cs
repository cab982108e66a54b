using Billing.Functions.Configuration;
using Billing.Storage;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Billing.Functions.Imports;

/// <summary>The timer-triggered function that imports dropped usage files, on <c>Billing:ImportSchedule</c> (NCrontab with seconds; default every minute).</summary>
public sealed partial class UsageImportTimer(UsageImporter importer, IOptions<BillingOptions> options, ILogger<UsageImportTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(options.Value.ImportSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            try
            {
                await Task.Delay(schedule.GetNextOccurrence(now) - now, stoppingToken);
                await importer.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or InvalidOperationException or Ingestion.IntakeBodyException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage import run failed: {Reason}")]
    private partial void LogFailed(string reason);
}
