using Billing.Application.Configuration;
using Billing.Application.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// What the settlement timer does (<c>Billing:SettlementSchedule</c>, default every 5 minutes): starts the
/// <see cref="SettlementCycle"/> orchestration of the schedule's latest occurrence (at or before now, so every host
/// derives the same instance id) once (<see cref="OrchestrationStarts"/>): when that instance exists already, whatever its
/// status, nothing happens. With a simulated clock it does nothing: <c>POST /api/manage/clock/advance</c> requests
/// settlement instead, through the settlement queue, at the instants it falls due (<see cref="Time.ClockAdvancer"/>).
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
        var input = new SettlementCycleInput(occurrence, Math.Max(1, options.Value.SettlementBatchSize), Hosting.BillingTelemetry.TraceParent());
        if (!await OrchestrationStarts.StartOnceAsync(client, SettlementCycle.Name, input, instanceId, ct))
        {
            LogAlreadyStarted(instanceId);
            return null;
        }

        LogStarted(instanceId);
        return instanceId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement cycle {InstanceId} started")]
    private partial void LogStarted(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement cycle {InstanceId} was started already")]
    private partial void LogAlreadyStarted(string instanceId);
}
