using System.Globalization;
using Billing.Domain.Dunning;
using Billing.Workflows.Runtime;

namespace Billing.Workflows.Dunning;

/// <summary>
/// The dunning ladder of one unpaid usage invoice on the workflow runtime (instance id <c>{customer}/{invoice key}</c>),
/// deciding with the pure <see cref="DunningWorkflow"/>:
/// <list type="bullet">
/// <item>started: a timer for the first step;</item>
/// <item>a step's timer: the <c>dunning-step</c> activity carries the step out, and the next step's timer is set;</item>
/// <item><c>plan-agreed</c>: the ladder holds (timers still set fire as no-ops); <c>resume</c> (<see cref="DunningResume"/>):
/// a missed installment restarts it from the step reached, with new instants;</item>
/// <item><c>paid</c>: the invoice is paid in full and the workflow completes.</item>
/// </list>
/// A ladder whose last step has run stays running until paid: whether an unpaid invoice restricts the service is
/// read from its state. Timer ids carry the step's instant, so a resumed ladder's timers never collide with the
/// ones it replaced, and a replaced timer is recognised as stale when it fires.
/// </summary>
public sealed class DunningLadderWorkflow : IWorkflowDefinition
{
    public const string Name = "dunning";
    public const string StepActivity = "dunning-step";
    public const string PaidEvent = "paid";
    public const string PlanAgreedEvent = "plan-agreed";
    public const string ResumeEvent = "resume";

    public string Type => Name;

    public static string InstanceId(string customer, string invoiceKey) => customer + "/" + invoiceKey;

    public WorkflowDecision Decide(string? state, WorkflowEvent happened, DateTimeOffset now)
    {
        if (happened is WorkflowStarted started)
        {
            var start = WorkflowJson.Deserialize<DunningLadderStart>(started.Input);
            var (ladder, commands) = DunningWorkflow.Start(start.Customer, start.InvoiceKey, start.Period, start.Policy, start.IssuedAt, start.DueAt);
            return Decision(ladder, commands);
        }

        var current = WorkflowJson.Deserialize<DunningState>(state ?? throw new ArgumentNullException(nameof(state)));
        switch (happened)
        {
            case TimerFired fired when StepOf(fired.CommandId) is var index
                && index < current.Steps.Count && current.Steps[index].DueAt == fired.DueAt:
            {
                var (next, commands) = DunningWorkflow.Transition(current, new DunningStepDue(index));
                return Decision(next, commands);
            }

            case ExternalEvent { Name: PaidEvent }:
            {
                var (next, commands) = DunningWorkflow.Transition(current, new DunningInvoicePaid());
                return Decision(next, commands, completed: true);
            }

            case ExternalEvent { Name: PlanAgreedEvent } when current.Status != DunningStatus.Paid:
                return Decision(current with { Status = DunningStatus.Exhausted }, []);

            case ExternalEvent { Name: ResumeEvent } resume when current.Status == DunningStatus.Exhausted:
            {
                var at = WorkflowJson.Deserialize<DunningResume>(resume.Data);
                var policy = new DunningPolicy(current.Steps.Select(s => s.Step).ToList());
                var (next, commands) = DunningWorkflow.Start(
                    current.Customer, current.InvoiceKey, current.Period, policy, at.At, at.DueAt, current.StepsRun, current.RestrictedService);
                return Decision(next, commands);
            }

            default:
                // An activity's output, a stale or repeated timer, an event that no longer applies: nothing changes.
                return Decision(current, []);
        }
    }

    /// <summary>The ladder's state as the instance holds it.</summary>
    public static DunningState StateOf(WorkflowInstance instance) => WorkflowJson.Deserialize<DunningState>(instance.State);

    private static WorkflowDecision Decision(DunningState state, IReadOnlyList<DunningCommand> commands, bool completed = false)
    {
        var instance = InstanceId(state.Customer, state.InvoiceKey);
        var runtimeCommands = new List<WorkflowCommand>();
        foreach (var command in commands)
        {
            switch (command)
            {
                case ScheduleDunningStep schedule:
                    runtimeCommands.Add(new StartTimer(TimerId(instance, schedule.StepIndex, schedule.DueAt), schedule.DueAt));
                    break;
                case RunDunningAction run:
                    var step = new DunningStepTaken(state.Customer, state.InvoiceKey, state.Period, run.Action, run.StepIndex, state.Steps.Count);
                    runtimeCommands.Add(new RunActivity(string.Create(CultureInfo.InvariantCulture, $"{instance}/step/{run.StepIndex}/run"), StepActivity, WorkflowJson.Serialize(step)));
                    break;
            }
        }

        return new WorkflowDecision(WorkflowJson.Serialize(state), runtimeCommands, completed);
    }

    /// <summary><c>{instance}/step/{index}@{instant ticks}</c>.</summary>
    private static string TimerId(string instance, int index, DateTimeOffset dueAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance}/step/{index}@{dueAt.UtcTicks}");

    private static int StepOf(string timerId)
    {
        var at = timerId.LastIndexOf('@');
        var slash = timerId.LastIndexOf('/', at);
        return int.Parse(timerId.AsSpan(slash + 1, at - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
