using Billing.Application.Configuration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// What the settlement timer does (<c>Billing:SettlementSchedule</c>, default every 5 minutes): starts the
/// <see cref="SettlementCycle"/> orchestration of the schedule's latest occurrence (at or before now, so every host
/// derives the same instance id); when that instance exists already, whatever its status, nothing happens. With a simulated clock it does
/// nothing: <c>POST /api/manage/clock/advance</c> requests settlement at each step instead (through the settlement
/// queue, until business timers replace it).
/// </summary>
public sealed partial class ScheduledSettlement(IOptions<BillingOptions> options, IConfiguration configuration, TimeProvider hostClock, ILogger<ScheduledSettlement> logger)
{
    /// <summary>One scheduled run; returns the instance id started, or null (simulated clock, or already started).</summary>
    public async Task<string?> RunAsync(DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var activity = Hosting.BillingTelemetry.Source.StartActivity("settlement.schedule");
        if (options.Value.SimulatedClock)
        {
            return null;
        }

        TimerSchedule schedule = TimerSchedules.Resolve($"%{TimerSchedules.Settlement}%", configuration);
        var occurrence = new DateTimeOffset(schedule.LatestAtOrBefore(hostClock.GetUtcNow().UtcDateTime), TimeSpan.Zero);
        string instanceId = SettlementCycle.InstanceId(occurrence);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                SettlementCycle.Name,
                new SettlementCycleInput(occurrence, Math.Max(1, options.Value.SettlementBatchSize), Hosting.BillingTelemetry.TraceParent()),
                // Every status deduplicates: a finished cycle is not run again by a late or second start (the backends
                // would otherwise replace a completed, failed or terminated instance). Operators restart one on purpose.
                new StartOrchestrationOptions(instanceId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
                ct);
        }
        catch (Exception ex) when (AlreadyExists(ex))
        {
            LogAlreadyStarted(instanceId);
            return null;
        }

        LogStarted(instanceId);
        return instanceId;
    }

    /// <summary>The backend's answer to a second start of the same instance id (gRPC AlreadyExists, or the Functions extension's InvalidOperationException).</summary>
    internal static bool AlreadyExists(Exception ex) =>
        ex is InvalidOperationException && ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
        || ex.GetType().Name == "RpcException" && ex.Message.Contains("AlreadyExists", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement cycle {InstanceId} started")]
    private partial void LogStarted(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement cycle {InstanceId} was started already")]
    private partial void LogAlreadyStarted(string instanceId);
}
