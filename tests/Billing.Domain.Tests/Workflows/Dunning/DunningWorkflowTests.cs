using Billing.Domain.Dunning;
using Billing.Workflows.Dunning;
using Billing.Workflows.Scenarios;
using Billing.Workflows.Timeline;

namespace Billing.Domain.Tests.Workflows.Dunning;

/// <summary>
/// The dunning ladder as a pure transition function, and the scenario runner playing it for each unpaid invoice (the
/// ladders it leaves are part of the outcome).
/// </summary>
public sealed class DunningWorkflowTests
{
    private static readonly DateTimeOffset Issued = DateTimeOffset.Parse("2026-02-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Due = Issued.AddDays(10);

    private static (DunningState State, IReadOnlyList<DunningCommand> Commands) Started() =>
        DunningWorkflow.Start("acme", "usage/2026-01", "2026-01", DunningPolicy.Default, Issued, Due);

    [Fact]
    public void Starting_schedules_the_first_step_and_each_due_step_runs_and_schedules_the_next()
    {
        var (started, commands) = Started();
        var first = Assert.IsType<ScheduleDunningStep>(Assert.Single(commands));
        Assert.Equal((0, Due.AddDays(-3)), (first.StepIndex, first.DueAt));

        var (ran, next) = DunningWorkflow.Transition(started, new DunningStepDue(0));

        Assert.Collection(
            next,
            run => Assert.Equal((DunningAction.Remind, 0), (Assert.IsType<RunDunningAction>(run).Action, ((RunDunningAction)run).StepIndex)),
            schedule => Assert.Equal((1, Due), (Assert.IsType<ScheduleDunningStep>(schedule).StepIndex, ((ScheduleDunningStep)schedule).DueAt)));
        Assert.Equal((1, DunningStatus.Active), (ran.StepsRun, ran.Status));
    }

    [Fact]
    public void A_step_that_is_not_the_next_one_changes_nothing()
    {
        var (started, _) = Started();
        var (once, _) = DunningWorkflow.Transition(started, new DunningStepDue(0));

        var (again, repeated) = DunningWorkflow.Transition(once, new DunningStepDue(0));
        var (ahead, skipped) = DunningWorkflow.Transition(started, new DunningStepDue(2));

        Assert.Empty(repeated);
        Assert.Equal(once, again);
        Assert.Empty(skipped);
        Assert.Equal(started, ahead);
    }

    [Fact]
    public void A_held_ladder_runs_no_step_and_resumes_from_the_step_it_reached_with_new_instants_and_payment_ends_it()
    {
        var (started, _) = Started();
        var (ran, _) = DunningWorkflow.Transition(started, new DunningStepDue(0));
        var (held, holding) = DunningWorkflow.Transition(ran, new DunningPlanAgreed());
        Assert.Empty(holding);
        Assert.Equal(DunningStatus.Exhausted, held.Status);

        // The second step falls due during the plan: nothing runs.
        Assert.Empty(DunningWorkflow.Transition(held, new DunningStepDue(1)).Commands);

        var installmentDue = Due.AddDays(20);
        var (resumed, resuming) = DunningWorkflow.Transition(held, new DunningResumed(installmentDue, installmentDue));
        var second = Assert.IsType<ScheduleDunningStep>(Assert.Single(resuming));
        Assert.Equal((1, installmentDue), (second.StepIndex, second.DueAt));
        Assert.Equal((1, DunningStatus.Active), (resumed.StepsRun, resumed.Status));

        var (paid, afterPayment) = DunningWorkflow.Transition(resumed, new DunningInvoicePaid());
        Assert.Empty(afterPayment);
        Assert.Equal(DunningStatus.Paid, paid.Status);
        Assert.Empty(DunningWorkflow.Transition(paid, new DunningResumed(installmentDue, installmentDue)).Commands);
        Assert.Equal(DunningStatus.Paid, DunningWorkflow.Transition(paid, new DunningPlanAgreed()).State.Status);
    }

    [Fact]
    public void A_resume_of_a_ladder_that_is_not_held_changes_nothing()
    {
        var (started, _) = Started();

        var (state, commands) = DunningWorkflow.Transition(started, new DunningResumed(Due.AddDays(30), Due.AddDays(30)));

        Assert.Empty(commands);
        Assert.Equal(started, state);
    }

    [Fact]
    public void The_scenario_runner_plays_each_unpaid_invoices_ladder_and_leaves_it_in_the_outcome()
    {
        // January: 100.00 issued 2026-02-01T02:00Z, due 02-11; a plan agreed 02-09 after the first reminder, its second
        // installment missed at 03-05, so the ladder resumes there. February, paid the day after it is issued, completes its ladder.
        var scenario = Rules.PaymentPlanTests.Scenario.Replace(
            "\"payments\": [",
            "\"payments\": [ { \"id\": \"f1\", \"customer\": \"acme\", \"at\": \"2026-03-02T00:00:00Z\", \"amount\": \"100.00\", \"period\": \"2026-02\" },",
            StringComparison.Ordinal);

        var (outcome, _) = ScenarioRun.Execute(scenario);

        Assert.Equal(["acme/usage/2026-01", "acme/usage/2026-02"], outcome.Ladders.Select(l => l.InstanceId));
        var january = outcome.Ladders[0];
        Assert.False(january.Completed);
        Assert.Equal((5, true, DunningStatus.Exhausted), (january.State.StepsRun, january.State.RestrictedService, january.State.Status));
        var stepsRun = january.History.Count(h => h.StartsWith("step ", StringComparison.Ordinal));
        var dunningEntries = outcome.Timeline.Count(e => e.Period == "2026-01" && e.Cause == TimelineCause.Dunning);
        Assert.Equal((5, 5), (stepsRun, dunningEntries));
        Assert.Equal(["started", "step 1 Remind", "plan-agreed", "resumed"], january.History.Take(4));

        var february = outcome.Ladders[1];
        Assert.True(february.Completed);
        Assert.Equal(DunningStatus.Paid, february.State.Status);
        Assert.Equal(["started", "paid"], february.History);
    }
}
