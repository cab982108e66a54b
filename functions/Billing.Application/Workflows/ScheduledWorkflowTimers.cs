using Billing.Application.Configuration;
using Billing.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace Billing.Application.Workflows;

/// <summary>
/// What the workflow-timers timer does (<c>Billing:WorkflowTimerSchedule</c>, default every 10 seconds): fires every
/// workflow timer row due by now, earliest first. Firing is idempotent (an instance ignores a timer it has already
/// seen). With a simulated clock it does nothing: <c>POST /api/manage/clock/advance</c> fires the timers at each step.
/// </summary>
public sealed partial class ScheduledWorkflowTimers(WorkflowRuntime runtime, TimeProvider clock, IOptions<BillingOptions> options, ILogger<ScheduledWorkflowTimers> logger)
{
    /// <summary>One scheduled run; returns how many timers fired (0 with a simulated clock).</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        if (options.Value.SimulatedClock)
        {
            return 0;
        }

        int fired = await runtime.FireDueTimersAsync(clock.GetUtcNow(), ct);
        if (fired > 0)
        {
            LogFired(fired);
        }

        return fired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fired {Timers} workflow timers")]
    private partial void LogFired(int timers);
}
