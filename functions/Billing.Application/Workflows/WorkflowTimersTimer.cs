using Billing.Application.Configuration;
using Billing.Application.Hosting;
using Billing.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace Billing.Application.Workflows;

/// <summary>
/// The timer-triggered function that fires workflow timers: on the NCrontab schedule <c>Billing:WorkflowTimerSchedule</c>
/// (6 fields, seconds first; default every 10 seconds) it fires every timer row due by now, earliest first. Firing is
/// idempotent (an instance ignores a timer it has already seen), so several hosts may run it. Not run with a simulated
/// clock, whose <c>POST /api/manage/clock/advance</c> fires the timers at each step.
/// </summary>
public sealed partial class WorkflowTimersTimer(WorkflowRuntime runtime, TimeProvider clock, IOptions<BillingOptions> options, ScheduleLocks locks, ILogger<WorkflowTimersTimer> logger)
    : ScheduledFunction(locks, logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => UntilNext(options.Value.WorkflowTimerSchedule, utcNow);

    protected override async Task RunAsync(CancellationToken ct)
    {
        var fired = await runtime.FireDueTimersAsync(clock.GetUtcNow(), ct);
        if (fired > 0)
        {
            LogFired(fired);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fired {Timers} workflow timers")]
    private partial void LogFired(int timers);
}
