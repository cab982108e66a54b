using Billing.Domain.Dunning;
using Billing.Workflows.Dunning;
using Billing.Workflows.Runtime;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Simulation;

/// <summary>
/// The simulation's <c>dunning-step</c> activity: records the step on the timeline at the instant it runs
/// (the service carries the same steps out: emails, throttling, backups, suspension).
/// </summary>
internal sealed class TimelineDunningStep(List<TimelineEntry> timeline) : IWorkflowActivity
{
    public string Name => DunningLadderWorkflow.StepActivity;

    public Task<string> RunAsync(WorkflowActivityContext context, CancellationToken ct)
    {
        var step = WorkflowJson.Deserialize<DunningStepTaken>(context.Input);
        timeline.Add(new TimelineEntry(step.Customer, context.Now, ActionName(step.Action), step.Period, null, $"invoice {step.InvoiceKey}, step {step.StepIndex + 1} of {step.StepCount}"));
        return Task.FromResult("{}");
    }

    private static string ActionName(DunningAction action) => action switch
    {
        DunningAction.Remind => TimelineAction.Remind,
        DunningAction.Throttle => TimelineAction.Throttle,
        DunningAction.Backup => TimelineAction.Backup,
        _ => TimelineAction.Suspend,
    };
}
