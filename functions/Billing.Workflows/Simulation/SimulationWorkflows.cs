using Billing.Workflows.Dunning;
using Billing.Workflows.Runtime;
using Billing.Workflows.Runtime.InMemory;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Simulation;

/// <summary>
/// The simulation's workflows: the service's <see cref="WorkflowRuntime"/> over in-memory stores, on the simulation's
/// clock, running the <see cref="DunningLadderWorkflow"/> of each unpaid usage invoice. The in-memory stores and the
/// simulation's activity finish synchronously, so every runtime call has completed when it returns; a call that has
/// not is a fault and throws rather than blocks.
/// </summary>
internal sealed class SimulationWorkflows
{
    private readonly SimulationClock clock;
    private readonly WorkflowRuntime runtime;

    public SimulationWorkflows(DateTimeOffset start, List<TimelineEntry> timeline)
    {
        clock = new SimulationClock(start);
        runtime = new WorkflowRuntime(new InMemoryWorkflowInstanceStore(), new InMemoryWorkflowTimerStore(), [new DunningLadderWorkflow()], [new TimelineDunningStep(timeline)], clock);
    }

    /// <summary>When the earliest timer still set is due; null when none is.</summary>
    public DateTimeOffset? NextTimer => Completed(runtime.Timers.NextDueAsync(null, CancellationToken.None));

    /// <summary>Every instance, for the outcome.</summary>
    public IReadOnlyList<WorkflowInstance> Instances => Completed(runtime.Instances.ListAsync(null, null, CancellationToken.None));

    /// <summary>Fires the timers due at <paramref name="at"/> (the earliest set); at least one must fire.</summary>
    public void FireTimers(DateTimeOffset at)
    {
        clock.MoveTo(at);
        if (Completed(runtime.FireDueTimersAsync(at, CancellationToken.None)) == 0)
        {
            var failed = Instances.FirstOrDefault(i => i.Status == WorkflowStatus.Failed);
            throw new InvalidOperationException($"a workflow timer due at {at:O} did not fire: {failed?.Id}: {failed?.Error}");
        }
    }

    public void StartDunning(DunningLadderStart start, DateTimeOffset now)
    {
        clock.MoveTo(now);
        Completed(runtime.StartAsync(DunningLadderWorkflow.Name, DunningLadderWorkflow.InstanceId(start.Customer, start.InvoiceKey), WorkflowJson.Serialize(start), CancellationToken.None));
    }

    public void RaiseDunning(string instanceId, string name, string data, DateTimeOffset now)
    {
        clock.MoveTo(now);
        Completed(runtime.RaiseAsync(DunningLadderWorkflow.Name, instanceId, new ExternalEvent(name, data), CancellationToken.None));
    }

    /// <summary>The ladder of an invoice's dunning instance; null when none was started.</summary>
    public Dunning.DunningState? Ladder(string instanceId) =>
        Completed(runtime.Instances.GetAsync(DunningLadderWorkflow.Name, instanceId, CancellationToken.None)) is { } instance ? DunningLadderWorkflow.StateOf(instance) : null;

    private static T Completed<T>(Task<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("the simulation's workflow runtime must complete synchronously");
}
