using System.Globalization;
using System.Reflection;
using Billing.Application.Configuration;
using Billing.Storage;
using Billing.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Functions;

/// <summary>
/// Runs one timer function of the function app as the Functions host does: at each occurrence of its 6-field
/// NCrontab schedule (the trigger's expression, or its <c>%setting%</c> with the default of
/// <see cref="TimerSchedules"/>; resolved when the host starts, which a malformed schedule stops, naming the setting),
/// on the system clock (host time, also under a simulated billing clock), with a <see cref="TimerInfo"/> and a
/// <see cref="CancellationToken"/> that fires on shutdown or when the lock is lost; <c>RunOnStartup</c> adds a run
/// at start. A run that throws is logged and the next occurrence runs as usual; every run must be idempotent.
/// <para>
/// Each occurrence runs on one host at a time, as a Functions timer is a singleton: the host takes the function's
/// lock (a blob lease, see <see cref="ScheduleLocks"/>), renews it every third of its duration while the run lasts
/// and releases it after. A host that finds the lock held skips the occurrence. The lock blob's metadata keeps the
/// last occurrence run (<c>LastOccurrence</c>, written after a successful run); an occurrence not after the next
/// one due from it was run by another host (whose clock woke it first) and is skipped too. A host that dies mid-run
/// lets the lease expire within <see cref="ScheduleLocks.LeaseDuration"/>; the next occurrence runs elsewhere.
/// Unlike Functions' <c>useMonitor</c>, an occurrence missed while every host was down is not replayed at start:
/// the next one runs, and since each run takes up all work due, nothing is lost but the wait.
/// </para>
/// <para>
/// The <see cref="TimerInfo"/>: <c>ScheduleStatus.Last</c> is the last occurrence run on any host (default when
/// none), <c>Next</c> the occurrence after this one, <c>LastUpdated</c> when this run began; <c>IsPastDue</c> is
/// true when the run began only after its next occurrence was already due (this host fell that far behind).
/// </para>
/// </summary>
public sealed partial class TimerFunctionService : BackgroundService, IFunctionRunner
{
    private const string LastOccurrenceKey = "LastOccurrence";

    /// <summary>The longest single wait for an occurrence; longer waits are made of several.</summary>
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(1);

    private readonly FunctionDefinition function;
    private readonly IServiceProvider services;
    private readonly ScheduleLocks locks;
    private readonly ILogger<TimerFunctionService> logger;
    private readonly TimeProvider clock = TimeProvider.System;

    public TimerFunctionService(FunctionDefinition function, IServiceProvider services, ScheduleLocks locks, IConfiguration configuration, ILogger<TimerFunctionService> logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(configuration);
        Trigger = function.Trigger as TimerFunctionTrigger
            ?? throw new ArgumentException($"Function '{function.Name}' is not a timer function.", nameof(function));
        Refuse(function);
        try
        {
            Schedule = TimerSchedules.Resolve(Trigger.Schedule, configuration);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"Function '{function.Name}': {ex.Message}", ex);
        }

        this.function = function;
        this.services = services;
        this.locks = locks;
        this.logger = logger;
    }

    public FunctionDefinition Function => function;

    public TimerFunctionTrigger Trigger { get; }

    /// <summary>The schedule the function runs on, resolved from configuration at start.</summary>
    public TimerSchedule Schedule { get; }

    /// <summary>The trigger as <c>functions.metadata</c> declares it (<c>timer %Billing:SettlementSchedule%</c>); the resolved expression is <see cref="Schedule"/>.</summary>
    public string Describe() => $"timer {Trigger.Schedule}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTime? previous = null;
        if (Trigger.RunOnStartup)
        {
            previous = clock.GetUtcNow().UtcDateTime;
            await TryRunAsync(previous.Value, startup: true, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime now = clock.GetUtcNow().UtcDateTime;

            // Never before an occurrence already handled: a delay that wakes a little early must not repeat it.
            DateTime occurrence = Schedule.NextAfter(previous is { } handled && handled > now ? handled : now);
            try
            {
                // Task.Delay takes at most about 49 days; a later occurrence (a yearly schedule) is waited for a day at a time.
                for (TimeSpan left = occurrence - now; left > LongestDelay; left = occurrence - clock.GetUtcNow().UtcDateTime)
                {
                    await Task.Delay(LongestDelay, clock, stoppingToken);
                }

                TimeSpan rest = occurrence - clock.GetUtcNow().UtcDateTime;
                await Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            previous = occurrence;
            await TryRunAsync(occurrence, startup: false, stoppingToken);
        }
    }

    /// <summary>Runs <paramref name="occurrence"/>, logging a failure instead of stopping the timer.</summary>
    private async Task TryRunAsync(DateTime occurrence, bool startup, CancellationToken stoppingToken)
    {
        try
        {
            await RunOccurrenceAsync(occurrence, startup, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the occurrence stays unrecorded.
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(function.Name, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>
    /// Runs <paramref name="occurrence"/> under the function's lock, unless another host holds it or ran it (a start-up
    /// run skips the second check, as Functions runs <c>RunOnStartup</c> on every host start).
    /// </summary>
    private async Task RunOccurrenceAsync(DateTime occurrence, bool startup, CancellationToken stoppingToken)
    {
        string at = occurrence.ToString("O", CultureInfo.InvariantCulture);
        await using IBlobLease? lease = await locks.TryAcquireAsync(function.Name, stoppingToken);
        if (lease is null)
        {
            LogHeldElsewhere(function.Name, at);
            return;
        }

        DateTime? last = LastOccurrence(lease);
        if (!startup && last is { } ran && occurrence < Schedule.NextAfter(ran))
        {
            LogRunElsewhere(function.Name, at);
            return;
        }

        DateTime began = clock.GetUtcNow().UtcDateTime;
        DateTime next = Schedule.NextAfter(occurrence);
        var timer = new TimerInfo
        {
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = next, LastUpdated = began },
            IsPastDue = began >= next,
        };

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewal = new CancellationTokenSource();
        Task renewing = RenewWhileRunningAsync(lease, run, renewal.Token);
        try
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, p => p.ParameterType == typeof(TimerInfo) ? timer : FunctionInvoker.Unbound, run.Token);
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
        LogRan(function.Name, at);
    }

    /// <summary>Renews the lease every third of its duration until stopped; a lost lease cancels the run.</summary>
    private async Task RenewWhileRunningAsync(IBlobLease lease, CancellationTokenSource run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ScheduleLocks.LeaseDuration / 3, clock, stop);
                await lease.RenewAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (StorageRequestFailedException ex)
            {
                LogLeaseLost(function.Name, ex.Message);
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

    /// <summary>Stops the host on a parameter this host cannot bind (a timer function takes its TimerInfo, a CancellationToken and a <c>[DurableClient]</c>).</summary>
    private static void Refuse(FunctionDefinition function)
    {
        foreach (ParameterInfo parameter in function.Method.GetParameters())
        {
            if (parameter.ParameterType != typeof(TimerInfo) && parameter.ParameterType != typeof(CancellationToken) && !FunctionIndex.IsDurableClientParameter(parameter))
            {
                throw new InvalidOperationException($"Function '{function.Name}': the local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of a timer function.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} run failed: {Error}: {Reason}")]
    private partial void LogFailed(string function, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} ran the occurrence of {Occurrence}")]
    private partial void LogRan(string function, string occurrence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} skipped the occurrence of {Occurrence}: another host holds its lock")]
    private partial void LogHeldElsewhere(string function, string occurrence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} skipped the occurrence of {Occurrence}: another host ran it")]
    private partial void LogRunElsewhere(string function, string occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} lost its lock mid-run, cancelling the run: {Reason}")]
    private partial void LogLeaseLost(string function, string reason);
}
