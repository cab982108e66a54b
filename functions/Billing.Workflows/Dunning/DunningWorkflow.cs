using System.Globalization;
using Billing.Domain.Dunning;

namespace Billing.Workflows.Dunning;

/// <summary>
/// The dunning ladder of one unpaid usage invoice as a pure transition function. It starts with the
/// first step's timer; each due step runs and schedules the next; payment in full cancels the steps not
/// yet run; a payment plan holds the ladder, and a missed installment resumes it from the step it had reached, with
/// instants counted from that installment. Steps due before the invoice existed run at its issue instant. Command ids are
/// <c>{invoice}/{step}</c>, so a runtime that re-executes a transition after a crash repeats nothing.
/// </summary>
public static class DunningWorkflow
{
    /// <summary>
    /// Starts the ladder for an invoice due at <paramref name="dueAt"/>; <paramref name="firstStep"/> resumes a ladder that
    /// had already run that many steps (a missed installment), keeping whether it had restricted the service.
    /// </summary>
    public static (DunningState State, IReadOnlyList<DunningCommand> Commands) Start(
        string customer, string invoiceKey, string? period, DunningPolicy policy, DateTimeOffset issuedAt, DateTimeOffset dueAt, int firstStep = 0, bool restricted = false)
    {
        var steps = policy.Steps.Select((step, index) => new ScheduledStep(index, step, step.DueFor(issuedAt, dueAt))).ToList();
        var state = new DunningState(customer, invoiceKey, period, steps, firstStep, restricted, firstStep >= steps.Count ? DunningStatus.Exhausted : DunningStatus.Active);
        return (state, state.IsActive ? [Schedule(state, firstStep)] : []);
    }

    public static (DunningState State, IReadOnlyList<DunningCommand> Commands) Transition(DunningState state, DunningEvent happened)
    {
        if (happened is DunningInvoicePaid)
        {
            // Payment ends the workflow whether steps remain or the ladder ran out: the invoice is settled. The timers still
            // set need no cancelling: a step's timer runs nothing once the ladder is not active.
            return (state with { Status = DunningStatus.Paid }, []);
        }

        switch (happened)
        {
            case DunningPlanAgreed when state.Status != DunningStatus.Paid:
                return (state with { Status = DunningStatus.Exhausted }, []);

            case DunningResumed resumed when state.Status == DunningStatus.Exhausted:
                return Start(
                    state.Customer, state.InvoiceKey, state.Period, new DunningPolicy(state.Steps.Select(s => s.Step).ToList()),
                    resumed.At, resumed.DueAt, state.StepsRun, state.RestrictedService);
        }

        if (!state.IsActive)
        {
            return (state, []);
        }

        switch (happened)
        {
            case DunningStepDue due when due.StepIndex == state.StepsRun:
            {
                var step = state.Steps[due.StepIndex];
                var next = state with
                {
                    StepsRun = state.StepsRun + 1,
                    RestrictedService = state.RestrictedService || step.Step.Action is DunningAction.Throttle or DunningAction.Suspend,
                };
                var commands = new List<DunningCommand> { new RunDunningAction(StepId(state, due.StepIndex) + "/run", step.Step.Action, due.StepIndex) };
                if (next.StepsRun < next.Steps.Count)
                {
                    commands.Add(Schedule(next, next.StepsRun));
                }
                else
                {
                    next = next with { Status = DunningStatus.Exhausted };
                }

                return (next, commands);
            }

            default:
                // A step that is not the next one is a duplicate or stale timer: nothing to do.
                return (state, []);
        }
    }

    private static ScheduleDunningStep Schedule(DunningState state, int index) =>
        new(StepId(state, index), index, state.Steps[index].DueAt);

    private static string StepId(DunningState state, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{state.InvoiceKey}/{index}");
}
