using Billing.Storage;
using NCrontab;

namespace Billing.Functions.Hosting;

/// <summary>
/// A timer-triggered function: waits for its next occurrence (a fixed interval or an NCrontab schedule, on the
/// system clock: these are about when hosts work, not billing time), runs, and keeps going. A run that fails on
/// storage or the network is logged and retried at the next occurrence; every run must be idempotent.
/// </summary>
public abstract partial class ScheduledFunction(ILogger logger) : BackgroundService
{
    /// <summary>False turns the function off (e.g. nothing configured for it).</summary>
    protected virtual bool Enabled => true;

    /// <summary>How long from <paramref name="utcNow"/> until the next run.</summary>
    protected abstract TimeSpan DelayUntilNext(DateTime utcNow);

    /// <summary>One run.</summary>
    protected abstract Task RunAsync(CancellationToken ct);

    /// <summary>The delay to the next occurrence of a 6-field (seconds first) NCrontab expression.</summary>
    protected static TimeSpan UntilNext(string cronExpression, DateTime utcNow) =>
        CrontabSchedule.Parse(cronExpression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }).GetNextOccurrence(utcNow) - utcNow;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(DelayUntilNext(TimeProvider.System.GetUtcNow().UtcDateTime), stoppingToken);
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or InvalidOperationException or Ingestion.IntakeBodyException)
            {
                LogFailed(GetType().Name, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} run failed: {Reason}")]
    private partial void LogFailed(string function, string reason);
}
