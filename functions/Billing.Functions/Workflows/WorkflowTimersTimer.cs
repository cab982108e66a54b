using Billing.Application.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Workflows;

/// <summary>Timer <c>%Billing:WorkflowTimerSchedule%</c> (default every 10 seconds): fires the workflow timers (dunning steps) due by now; does nothing with a simulated clock, whose advance fires them.</summary>
public sealed class WorkflowTimersTimer(ScheduledWorkflowTimers timers)
{
    [Function(nameof(WorkflowTimersTimer))]
    public Task RunAsync([TimerTrigger("%Billing:WorkflowTimerSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.FireDueAsync(cancellationToken);
}
