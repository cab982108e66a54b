using Billing.Domain.Dunning;
using Billing.Workflows.Dunning;
using Billing.Workflows.Runtime;
using Billing.Workflows.Scenarios;
using Billing.Workflows.Timeline;

namespace Billing.Domain.Tests.Workflows.Dunning;

/// <summary>
/// The dunning ladder as a workflow type: its transitions on their own, and the scenario runner playing it on the
/// workflow runtime (the instances it leaves are part of the outcome).
/// </summary>
public sealed class DunningLadderWorkflowTests
{
    private static readonly DateTimeOffset Issued = DateTimeOffset.Parse("2026-02-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Due = Issued.AddDays(10);
    private static readonly DunningLadderWorkflow Workflow = new();

    private static readonly string Start = WorkflowJson.Serialize(
        new DunningLadderStart("acme", "usage/2026-01", "2026-01", DunningPolicy.Default, Issued, Due));

    [Fact]
    public void Starting_sets_the_first_steps_timer_and_each_timer_runs_its_step_and_sets_the_next()
    {
        var started = Workflow.Decide(null, new WorkflowStarted(Start), Issued);
        var first = Assert.IsType<StartTimer>(Assert.Single(started.Commands));
        Assert.Equal(Due.AddDays(-3), first.DueAt);

        var fired = Workflow.Decide(started.State, new TimerFired(first.Id, first.DueAt), first.DueAt);

        Assert.Collection(
            fired.Commands,
            run =>
            {
                var activity = Assert.IsType<RunActivity>(run);
                Assert.Equal(DunningLadderWorkflow.StepActivity, activity.Activity);
                var step = WorkflowJson.Deserialize<DunningStepTaken>(activity.Input);
                Assert.Equal((DunningAction.Remind, 0, 5, "usage/2026-01"), (step.Action, step.StepIndex, step.StepCount, step.InvoiceKey));
            },
            next => Assert.Equal(Due, Assert.IsType<StartTimer>(next).DueAt));
        Assert.False(fired.Completed);
    }

    [Fact]
    public void A_timer_fired_again_or_at_another_instant_than_its_step_changes_nothing()
    {
        var started = Workflow.Decide(null, new WorkflowStarted(Start), Issued);
        var first = (StartTimer)started.Commands[0];
        var once = Workflow.Decide(started.State, new TimerFired(first.Id, first.DueAt), first.DueAt);

        var again = Workflow.Decide(once.State, new TimerFired(first.Id, first.DueAt), first.DueAt);
        var elsewhen = Workflow.Decide(started.State, new TimerFired(first.Id, first.DueAt.AddHours(1)), first.DueAt.AddHours(1));

        Assert.Empty(again.Commands);
        Assert.Equal(once.State, again.State);
        Assert.Empty(elsewhen.Commands);
        Assert.Equal(started.State, elsewhen.State);
    }

    [Fact]
    public void A_held_ladder_resumes_from_the_step_it_reached_with_new_timers_and_payment_completes_it()
    {
        var started = Workflow.Decide(null, new WorkflowStarted(Start), Issued);
        var first = (StartTimer)started.Commands[0];
        var ran = Workflow.Decide(started.State, new TimerFired(first.Id, first.DueAt), first.DueAt);
        var oldSecond = (StartTimer)ran.Commands[1];
        var held = Workflow.Decide(ran.State, new ExternalEvent(DunningLadderWorkflow.PlanAgreedEvent, "{}"), first.DueAt.AddDays(1));

        // The step-2 timer set before the plan fires during it: nothing runs.
        Assert.Empty(Workflow.Decide(held.State, new TimerFired(oldSecond.Id, oldSecond.DueAt), oldSecond.DueAt).Commands);

        var installmentDue = Due.AddDays(20);
        var resumed = Workflow.Decide(held.State, new ExternalEvent(DunningLadderWorkflow.ResumeEvent, WorkflowJson.Serialize(new DunningResume(installmentDue, installmentDue))), installmentDue);
        var second = Assert.IsType<StartTimer>(Assert.Single(resumed.Commands));
        Assert.Equal(installmentDue, second.DueAt);
        Assert.NotEqual(oldSecond.Id, second.Id);
        Assert.Equal(1, WorkflowJson.Deserialize<DunningState>(resumed.State).StepsRun);

        var paid = Workflow.Decide(resumed.State, new ExternalEvent(DunningLadderWorkflow.PaidEvent, "{}"), installmentDue.AddDays(1));
        Assert.True(paid.Completed);
        Assert.Equal(DunningStatus.Paid, WorkflowJson.Deserialize<DunningState>(paid.State).Status);
    }

    [Fact]
    public void The_scenario_runner_plays_each_unpaid_invoices_ladder_as_a_runtime_instance()
    {
        // January: 100.00 issued 2026-02-01T02:00Z, due 02-11; a plan agreed 02-09 after the first reminder, its second
        // installment missed at 03-05, so the ladder resumes there. February, paid the day after it is issued, completes its ladder.
        var scenario = Rules.PaymentPlanTests.Scenario.Replace(
            "\"payments\": [",
            "\"payments\": [ { \"id\": \"f1\", \"customer\": \"acme\", \"at\": \"2026-03-02T00:00:00Z\", \"amount\": \"100.00\", \"period\": \"2026-02\" },",
            StringComparison.Ordinal);

        var (outcome, _) = ScenarioRun.Execute(scenario);

        Assert.Equal(["acme/usage/2026-01", "acme/usage/2026-02"], outcome.Workflows.Select(w => w.Id));
        Assert.All(outcome.Workflows, w => Assert.Equal(DunningLadderWorkflow.Name, w.Type));
        var january = outcome.Workflows[0];
        var ladder = DunningLadderWorkflow.StateOf(january);
        Assert.Equal(WorkflowStatus.Running, january.Status);
        Assert.Equal((5, true), (ladder.StepsRun, ladder.RestrictedService));
        var stepsRun = january.History.Count(h => h.Event.StartsWith("completed acme/usage/2026-01/step/", StringComparison.Ordinal));
        var dunningEntries = outcome.Timeline.Count(e => e.Period == "2026-01" && e.Cause == TimelineCause.Dunning);
        Assert.Equal((5, 5), (stepsRun, dunningEntries));
        Assert.Contains(january.History, h => h.Event == "event " + DunningLadderWorkflow.PlanAgreedEvent);
        Assert.Contains(january.History, h => h.Event == "event " + DunningLadderWorkflow.ResumeEvent);

        var february = outcome.Workflows[1];
        Assert.Equal(WorkflowStatus.Completed, february.Status);
        Assert.Equal(DunningStatus.Paid, DunningLadderWorkflow.StateOf(february).Status);
    }
}
