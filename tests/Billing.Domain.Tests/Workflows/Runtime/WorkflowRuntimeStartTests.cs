using Billing.Workflows.Runtime;
using static Billing.Domain.Tests.Workflows.Runtime.OrderHarness;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// Starting an instance: the start transition, then its commands one by one (activities in order, the timer as a row),
/// each recorded in the history; the timer fires at its due instant and not before; a second start changes nothing.
/// </summary>
public sealed class WorkflowRuntimeStartTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_start_runs_the_activities_in_order_sets_the_timer_row_and_waits_running()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();

        var run = await harness.StartAsync(runtime);

        Assert.True(run.Created);
        // Charge and email ran; the timer is set with the charge's completion (counted with it or on its own).
        Assert.InRange(run.CommandsRun, 2, 3);
        Assert.Equal(["charge o-1/1", "email o-1/3"], harness.Journal);

        var instance = await harness.InstanceAsync();
        Assert.Equal(instance, run.Instance);
        Assert.Equal(OrderWorkflow.TypeName, instance.Type);
        Assert.Equal(Id, instance.Id);
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Equal("emailed", Step(instance));
        Assert.Empty(instance.Pending);
        Assert.Equal(["o-1/2"], instance.Timers);
        Assert.Null(instance.Error);
        Assert.NotNull(instance.Version);
        Assert.Equal(OrderHarness.Start, instance.CreatedAt);
        Assert.Equal(OrderHarness.Start, instance.UpdatedAt);

        Assert.Equal(WaitingHistory(), Events(instance));
        Assert.Equal(4, instance.Transitions);
        Assert.All(instance.History, h => Assert.Equal(OrderHarness.Start, h.At));
        Assert.Equal(OrderWorkflow.Input(Id), instance.History[0].Detail);
        Assert.Equal(CountingActivity.OutputFor("charge", "o-1/1"), instance.History[1].Detail);
        Assert.Equal("o-1/2 at 2026-03-03T09:00:00Z", instance.History[2].Detail);
        Assert.Equal(CountingActivity.OutputFor("email", "o-1/3"), instance.History[3].Detail);

        var timer = Assert.Single(await harness.AllTimersAsync());
        Assert.Equal(new WorkflowTimer(OrderWorkflow.TypeName, Id, "o-1/2", harness.ReminderDue), timer);
        Assert.Equal(harness.ReminderDue, await harness.Timers.NextDueAsync(null, None));
    }

    [Fact]
    public async Task Activities_get_the_instance_the_command_id_the_input_and_the_current_instant()
    {
        var harness = new OrderHarness();

        await harness.StartAsync(harness.Runtime());

        var charge = Assert.Single(harness.Charge.Contexts);
        Assert.Equal(new WorkflowActivityContext(OrderWorkflow.TypeName, Id, "o-1/1", OrderWorkflow.Input(Id), OrderHarness.Start), charge);
        var email = Assert.Single(harness.Email.Contexts);
        // The order workflow hands the charge's output to the email.
        Assert.Equal(new WorkflowActivityContext(OrderWorkflow.TypeName, Id, "o-1/3", CountingActivity.OutputFor("charge", "o-1/1"), OrderHarness.Start), email);
    }

    [Fact]
    public async Task A_timer_does_not_fire_before_its_due_instant_and_at_it_runs_the_rest_and_completes()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        var waiting = (await harness.StartAsync(runtime)).Instance;

        harness.Clock.SetUtcNow(harness.ReminderDue.AddTicks(-1));
        Assert.Equal(0, await runtime.FireDueTimersAsync(harness.Clock.GetUtcNow(), None));

        Assert.Equal(0, harness.Remind.TotalRuns);
        Assert.Equal(waiting, await harness.InstanceAsync());
        Assert.Single(await harness.AllTimersAsync());

        harness.Clock.SetUtcNow(harness.ReminderDue);
        Assert.Equal(1, await runtime.FireDueTimersAsync(harness.Clock.GetUtcNow(), None));

        Assert.Equal(1, harness.Remind.Runs("o-1/4"));
        Assert.Equal(harness.ReminderDue, Assert.Single(harness.Remind.Contexts).Now);
        Assert.Equal(["charge o-1/1", "email o-1/3", "remind o-1/4"], harness.Journal);

        var done = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal("done", Step(done));
        Assert.Empty(done.Pending);
        Assert.Empty(done.Timers);
        Assert.Null(done.Error);
        Assert.Equal(CompletedHistory(), Events(done));
        Assert.Equal(7, done.Transitions);
        Assert.Equal("o-1/2", done.History[4].Detail);
        Assert.All(done.History.Skip(4), h => Assert.Equal(harness.ReminderDue, h.At));
        Assert.Equal(harness.ReminderDue, done.UpdatedAt);
        Assert.Equal(OrderHarness.Start, done.CreatedAt);

        Assert.Empty(await harness.AllTimersAsync());
        Assert.Null(await harness.Timers.NextDueAsync(null, None));
        Assert.Equal(0, await runtime.FireDueTimersAsync(DateTimeOffset.MaxValue, None));
        Assert.Equal(1, harness.Remind.TotalRuns);
    }

    [Fact]
    public async Task Starting_the_same_instance_twice_creates_it_once_and_reruns_nothing()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();

        var first = await harness.StartAsync(runtime);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await harness.StartAsync(runtime);
        var onAnotherHost = await harness.StartAsync(harness.Runtime());

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.False(onAnotherHost.Created);
        Assert.Equal(0, second.CommandsRun);
        Assert.Equal(0, onAnotherHost.CommandsRun);
        Assert.Equal(first.Instance, second.Instance);
        Assert.Equal(first.Instance, onAnotherHost.Instance);
        Assert.Equal(first.Instance, await harness.InstanceAsync());
        Assert.Equal(1, harness.Charge.Runs("o-1/1"));
        Assert.Equal(1, harness.Email.Runs("o-1/3"));
        Assert.Equal(WaitingHistory(), Events(await harness.InstanceAsync()));
        Assert.Single(await harness.AllTimersAsync());
        Assert.Single(await harness.Instances.ListAsync(OrderWorkflow.TypeName, null, None));
    }

    [Fact]
    public async Task Starting_a_completed_instance_again_leaves_it_alone()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        await runtime.FireDueTimersAsync(harness.ReminderDue, None);
        var done = await harness.InstanceAsync();

        var again = await harness.StartAsync(runtime);
        var retried = await harness.RetryAsync(runtime);

        Assert.False(again.Created);
        Assert.Equal(0, again.CommandsRun);
        Assert.Equal(done, again.Instance);
        Assert.NotNull(retried);
        Assert.Equal(0, retried.CommandsRun);
        Assert.Equal(done, retried.Instance);
        Assert.Equal(done, await harness.InstanceAsync());
        Assert.Equal(["charge o-1/1", "email o-1/3", "remind o-1/4"], harness.Journal);
    }

    [Fact]
    public async Task Due_timers_of_several_instances_fire_earliest_first()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime, "o-b");
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.StartAsync(runtime, "o-a");

        Assert.Equal(
            [OrderHarness.Start.AddDays(1), OrderHarness.Start.AddDays(1).AddHours(1)],
            (await harness.AllTimersAsync()).Select(t => t.DueAt));

        Assert.Equal(2, await runtime.FireDueTimersAsync(DateTimeOffset.MaxValue, None));

        Assert.Equal(["remind o-b/4", "remind o-a/4"], harness.Journal.Where(j => j.StartsWith("remind", StringComparison.Ordinal)));
        var completed = await harness.Instances.ListAsync(OrderWorkflow.TypeName, WorkflowStatus.Completed, None);
        Assert.Equal(["o-a", "o-b"], completed.Select(i => i.Id));
        Assert.Empty(await harness.Instances.ListAsync(OrderWorkflow.TypeName, WorkflowStatus.Running, None));
    }

    [Fact]
    public async Task Retrying_or_raising_on_a_missing_instance_returns_null()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();

        Assert.Null(await harness.RetryAsync(runtime));
        Assert.Null(await harness.RaiseAsync(runtime, new ExternalEvent("cancel", "{}")));
        Assert.Empty(await harness.Instances.ListAsync(null, null, None));
    }

    [Fact]
    public async Task Stale_activity_completions_and_unknown_timers_are_ignored()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        var waiting = (await harness.StartAsync(runtime)).Instance;

        var staleActivity = await harness.RaiseAsync(runtime, new ActivityCompleted("o-1/1", "{}"));
        var unknownTimer = await harness.RaiseAsync(runtime, new TimerFired("o-1/9", harness.ReminderDue));

        Assert.NotNull(staleActivity);
        Assert.Equal(0, staleActivity.CommandsRun);
        Assert.Equal(waiting, staleActivity.Instance);
        Assert.NotNull(unknownTimer);
        Assert.Equal(0, unknownTimer.CommandsRun);
        Assert.Equal(waiting, await harness.InstanceAsync());
    }

    [Fact]
    public async Task Raising_a_start_event_is_rejected()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RaiseAsync(runtime, new WorkflowStarted("{}")));

        Assert.Contains(nameof(WorkflowStarted), error.Message, StringComparison.Ordinal);
    }
}
