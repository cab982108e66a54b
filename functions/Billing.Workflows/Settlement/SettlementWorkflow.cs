using System.Globalization;
using Billing.Workflows.Runtime;

namespace Billing.Workflows.Settlement;

/// <summary>
/// The settlement of one invoiced customer's period (instance id <c>{customer}/{period}</c>) as a pure transition function:
/// <list type="number">
/// <item>started: run <c>settle</c> (rate the period from its aggregates with late usage, number, render, store, email);</item>
/// <item>settled: set one timer per dunning step still ahead of the unpaid invoice (none: completed);</item>
/// <item>each timer: run <c>collect</c> (the ladder's step at that instant, decided by the engine's replay);</item>
/// <item>completed when the invoice is paid (a <c>collect</c> output or the external event <c>paid</c>) or the last timer's step has run.</item>
/// </list>
/// Command ids are <c>{customer}/{period}/{step}</c>, so a rerun after a crash repeats no effect.
/// </summary>
public sealed class SettlementWorkflow : IWorkflowDefinition
{
    public const string Name = "settlement";
    public const string SettleActivity = "settle";
    public const string CollectActivity = "collect";
    public const string PaidEvent = "paid";

    public string Type => Name;

    public static string InstanceId(string customer, string period) => customer + "/" + period;

    public WorkflowDecision Decide(string? state, WorkflowEvent happened, DateTimeOffset now)
    {
        if (happened is WorkflowStarted started)
        {
            var request = WorkflowJson.Deserialize<SettlementRequest>(started.Input);
            var fresh = new SettlementWorkflowState(request.Customer, request.Period, "settling", [], 0, false);
            return Decision(fresh, [new RunActivity(CommandId(fresh, SettleActivity), SettleActivity, started.Input)]);
        }

        var current = WorkflowJson.Deserialize<SettlementWorkflowState>(state ?? throw new ArgumentNullException(nameof(state)));
        switch (happened)
        {
            case ActivityCompleted done when done.CommandId == CommandId(current, SettleActivity):
            {
                var issued = WorkflowJson.Deserialize<SettlementIssued>(done.Output);
                var steps = issued.DunningSteps.Order().ToList();
                var next = current with { Step = steps.Count == 0 ? "done" : "dunning", Invoices = issued.Invoices, TimersLeft = steps.Count, EarlierPeriods = issued.EarlierPeriods };
                var timers = steps.Select((due, index) => (WorkflowCommand)new StartTimer(CommandId(current, "dunning/" + index.ToString(CultureInfo.InvariantCulture)), due)).ToList();
                return Decision(next, timers, completed: steps.Count == 0);
            }

            case TimerFired fired:
            {
                var next = current with { TimersLeft = current.TimersLeft - 1 };
                var input = WorkflowJson.Serialize(new SettlementRequest(current.Customer, current.Period));
                return Decision(next, [new RunActivity(fired.CommandId + "/" + CollectActivity, CollectActivity, input)]);
            }

            case ActivityCompleted collected:
            {
                var paid = WorkflowJson.Deserialize<SettlementCollected>(collected.Output).Paid;
                var next = current with { Paid = paid, Step = paid ? "paid" : current.TimersLeft == 0 ? "ladder done" : "dunning" };
                return Decision(next, [], completed: paid || current.TimersLeft == 0);
            }

            case ExternalEvent { Name: PaidEvent }:
                return Decision(current with { Paid = true, Step = "paid" }, [], completed: true);

            default:
                return Decision(current, []);
        }
    }

    private static string CommandId(SettlementWorkflowState state, string step) => InstanceId(state.Customer, state.Period) + "/" + step;

    private static WorkflowDecision Decision(SettlementWorkflowState state, IReadOnlyList<WorkflowCommand> commands, bool completed = false) =>
        new(WorkflowJson.Serialize(state), commands, completed);
}
