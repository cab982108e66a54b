using System.Globalization;
using Billing.Storage;
using Billing.Storage.Blobs;
using NCrontab;

namespace Billing.Application.Hosting;

/// <summary>
/// A timer-triggered function: waits for its next occurrence (a fixed interval or an NCrontab schedule, on the
/// system clock: these are about when hosts work, not billing time), runs, and keeps going. A run that fails on
/// storage or the network is logged and retried at the next occurrence; every run must be idempotent.
/// <para>
/// Each occurrence runs on one host at a time, as a Functions timer is a singleton: the host takes the function's
/// lock (a blob lease, see <see cref="ScheduleLocks"/>), renews it while the run lasts and releases it after. A host
/// that finds the lock held skips the occurrence. The lock blob's metadata keeps the last occurrence run
/// (<c>LastOccurrence</c>, written after a successful run); an occurrence not after the next one due from it was run
/// by another host (whose clock woke it first) and is skipped too. A host that dies mid-run lets the lease expire
/// within <see cref="ScheduleLocks.LeaseDuration"/>; the next occurrence runs elsewhere. Unlike Functions'
/// <c>useMonitor</c>, an occurrence missed while every host was down is not replayed at start: the next one runs,
/// and since each run takes up all work due (settlement, imports, timers), nothing is lost but the wait.
/// </para>
/// </summary>
public abstract partial class ScheduledFunction(ScheduleLocks locks, ILogger logger) : BackgroundService
{
    private const string LastOccurrenceKey = "LastOccurrence";

    /// <summary>False turns the function off (e.g. nothing configured for it).</summary>
    protected virtual bool Enabled => true;

    /// <summary>The function's name, and of its lock blob.</summary>
    protected virtual string FunctionName => GetType().Name;

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
                DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
                DateTime occurrence = now + DelayUntilNext(now);
                await Task.Delay(occurrence > now ? occurrence - now : TimeSpan.Zero, stoppingToken);
                await RunOccurrenceAsync(occurrence, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or InvalidOperationException or Ingestion.IntakeBodyException)
            {
                LogFailed(FunctionName, ex.Message);
            }
        }
    }

    /// <summary>Runs <paramref name="occurrence"/> under the function's lock, unless another host holds it or ran it.</summary>
    private async Task RunOccurrenceAsync(DateTime occurrence, CancellationToken stoppingToken)
    {
        string at = occurrence.ToString("O", CultureInfo.InvariantCulture);
        await using IBlobLease? lease = await locks.TryAcquireAsync(FunctionName, stoppingToken);
        if (lease is null)
        {
            LogHeldElsewhere(FunctionName, at);
            return;
        }

        if (LastOccurrence(lease) is { } last && occurrence < last + DelayUntilNext(last))
        {
            LogRunElsewhere(FunctionName, at);
            return;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewal = new CancellationTokenSource();
        Task renewing = RenewWhileRunningAsync(lease, run, renewal.Token);
        try
        {
            await RunAsync(run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // The lock was lost (logged); the occurrence stays unrecorded.
            return;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }

        await lease.SetMetadataAsync(new Dictionary<string, string> { [LastOccurrenceKey] = at }, stoppingToken);
        LogRan(FunctionName, at);
    }

    /// <summary>Renews the lease every third of its duration until stopped; a lost lease cancels the run.</summary>
    private async Task RenewWhileRunningAsync(IBlobLease lease, CancellationTokenSource run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ScheduleLocks.LeaseDuration / 3, stop);
                await lease.RenewAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (StorageRequestFailedException ex)
            {
                LogLeaseLost(FunctionName, ex.Message);
                await run.CancelAsync();
                return;
            }
        }
    }

    private static DateTime? LastOccurrence(IBlobLease lease) =>
        lease.Metadata.TryGetValue(LastOccurrenceKey, out string? value)
        && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime last)
            ? last
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} run failed: {Reason}")]
    private partial void LogFailed(string function, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} ran the occurrence of {Occurrence}")]
    private partial void LogRan(string function, string occurrence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} skipped the occurrence of {Occurrence}: another host holds its lock")]
    private partial void LogHeldElsewhere(string function, string occurrence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} skipped the occurrence of {Occurrence}: another host ran it")]
    private partial void LogRunElsewhere(string function, string occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} lost its lock mid-run, cancelling the run: {Reason}")]
    private partial void LogLeaseLost(string function, string reason);
}
