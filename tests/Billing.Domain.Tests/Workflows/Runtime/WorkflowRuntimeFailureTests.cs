using Billing.Workflows.Runtime;
using Billing.Workflows.Runtime.InMemory;
using static Billing.Domain.Tests.Workflows.Runtime.OrderHarness;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// An activity that throws: the exception propagates, the instance is failed with the pending command kept, and a retry
/// or a second start resumes it, running the same command id again. Unknown workflow types and activities are errors.
/// </summary>
public sealed class WorkflowRuntimeFailureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_activity_that_throws_fails_the_instance_keeps_its_command_and_rethrows()
    {
        var harness = new OrderHarness();
        harness.Charge.FaultMessage = "card declined";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(harness.Runtime()));

        Assert.Equal("card declined", error.Message);
        var failed = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.Equal("charge: card declined", failed.Error);
        Assert.Equal(new RunActivity("o-1/1", OrderWorkflow.Charge, OrderWorkflow.Input(Id)), Assert.Single(failed.Pending));
        Assert.Empty(failed.Timers);
        Assert.Equal("charging", Step(failed));
        Assert.Equal(["started", "failed"], Events(failed));
        Assert.Equal("charge: card declined", failed.History[1].Detail);
        Assert.Equal(1, harness.Charge.Runs("o-1/1"));
        Assert.Equal(0, harness.Email.TotalRuns);
        Assert.Empty(await harness.AllTimersAsync());
        Assert.Single(await harness.Instances.ListAsync(OrderWorkflow.TypeName, WorkflowStatus.Failed, None));
    }

    [Fact]
    public async Task After_the_fault_clears_a_retry_runs_the_same_command_again_and_continues()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        harness.Charge.FaultMessage = "card declined";
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(runtime));

        harness.Charge.FaultMessage = null;
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var run = await harness.RetryAsync(runtime);

        Assert.NotNull(run);
        Assert.False(run.Created);
        Assert.InRange(run.CommandsRun, 2, 3); // charge and email, and the timer set with the charge's completion
        AssertResumedAfterChargeFailed(harness, run.Instance);
        Assert.Equal(run.Instance, await harness.InstanceAsync());

        var due = OrderHarness.Start.AddMinutes(5).AddDays(1);
        Assert.Equal(new WorkflowTimer(OrderWorkflow.TypeName, Id, "o-1/2", due), Assert.Single(await harness.AllTimersAsync()));
        Assert.Equal(1, await runtime.FireDueTimersAsync(due, None));
        var done = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(["charge o-1/1", "charge o-1/1", "email o-1/3", "remind o-1/4"], harness.Journal);
    }

    [Fact]
    public async Task After_the_fault_clears_a_second_start_resumes_the_failed_instance()
    {
        var harness = new OrderHarness();
        harness.Charge.FaultMessage = "card declined";
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(harness.Runtime()));

        harness.Charge.FaultMessage = null;
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var run = await harness.StartAsync(harness.Runtime());

        Assert.False(run.Created);
        Assert.InRange(run.CommandsRun, 2, 3); // charge and email, and the timer set with the charge's completion
        AssertResumedAfterChargeFailed(harness, run.Instance);
    }

    [Fact]
    public async Task A_retry_while_the_fault_persists_fails_again_and_records_both_attempts()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        harness.Charge.FaultMessage = "card declined";
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(runtime));

        harness.Charge.FaultMessage = "gateway timeout";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RetryAsync(runtime));

        Assert.Equal("gateway timeout", error.Message);
        var failed = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.Equal("charge: gateway timeout", failed.Error);
        Assert.Single(failed.Pending);
        Assert.Equal(["started", "failed", "resumed", "failed"], Events(failed));
        Assert.Equal(["charge: card declined", "charge: card declined", "charge: gateway timeout"], failed.History.Skip(1).Select(h => h.Detail));
        Assert.Equal(2, harness.Charge.Runs("o-1/1"));
    }

    [Fact]
    public async Task A_failure_after_the_timer_is_set_keeps_the_timer_and_resumes_only_the_failed_activity()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        harness.Email.FaultMessage = "smtp down";
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(runtime));

        var failed = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.Equal("email: smtp down", failed.Error);
        Assert.Equal("o-1/3", Assert.Single(failed.Pending).Id);
        Assert.Equal(["o-1/2"], failed.Timers);
        Assert.Single(await harness.AllTimersAsync());

        harness.Email.FaultMessage = null;
        var run = await harness.RetryAsync(runtime);

        Assert.NotNull(run);
        Assert.Equal(1, run.CommandsRun);
        Assert.Equal(WorkflowStatus.Running, run.Instance.Status);
        Assert.Equal(["started", "completed o-1/1", "timer set", "failed", "resumed", "completed o-1/3"], Events(run.Instance));
        Assert.Equal(1, harness.Charge.Runs("o-1/1"));
        Assert.Equal(2, harness.Email.Runs("o-1/3"));
        Assert.Single(await harness.AllTimersAsync());
    }

    [Fact]
    public async Task A_timer_activity_that_fails_leaves_the_row_and_a_retry_completes_the_instance()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        harness.Remind.FaultMessage = "smtp down";

        Assert.Equal(0, await runtime.FireDueTimersAsync(harness.ReminderDue, None)); // the failure is recorded, not thrown

        var failed = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.Equal("remind: smtp down", failed.Error);
        Assert.Equal("o-1/4", Assert.Single(failed.Pending).Id);
        Assert.Empty(failed.Timers);
        Assert.Single(await harness.AllTimersAsync()); // the row stays for the next sweep

        harness.Remind.FaultMessage = null;
        var run = await harness.RetryAsync(runtime);

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Completed, run.Instance.Status);
        Assert.Equal(2, harness.Remind.Runs("o-1/4"));
        Assert.Equal(0, await runtime.FireDueTimersAsync(harness.ReminderDue.AddDays(-1), None));
        Assert.Equal(1, await runtime.FireDueTimersAsync(harness.ReminderDue, None)); // the leftover row is ignored and removed
        Assert.Empty(await harness.AllTimersAsync());
        Assert.Equal(2, harness.Remind.TotalRuns);
        Assert.Equal(run.Instance, await harness.InstanceAsync());
    }

    [Fact]
    public async Task A_redelivered_timer_resumes_an_instance_whose_timer_activity_failed()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        harness.Remind.FaultMessage = "smtp down";
        Assert.Equal(0, await runtime.FireDueTimersAsync(harness.ReminderDue, None));
        Assert.Single(await harness.AllTimersAsync());

        harness.Remind.FaultMessage = null;
        await runtime.FireDueTimersAsync(harness.ReminderDue, None); // the next sweep redelivers the row

        var instance = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal(2, harness.Remind.Runs("o-1/4"));
    }

    [Fact]
    public async Task A_redelivered_timer_runs_the_commands_a_crash_left_pending()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        using var shutdown = new CancellationTokenSource();
        harness.Remind.Before = (_, ct) =>
        {
            // The host stops while the reminder runs: nothing after the timer-fired write is recorded.
            shutdown.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runtime.FireDueTimersAsync(harness.ReminderDue, shutdown.Token));
        var interrupted = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Running, interrupted.Status);
        Assert.Equal("o-1/4", Assert.Single(interrupted.Pending).Id);
        Assert.Single(await harness.AllTimersAsync());

        harness.Remind.Before = null;
        await runtime.FireDueTimersAsync(harness.ReminderDue, None); // another host's sweep redelivers the row

        var instance = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal(2, harness.Remind.Runs("o-1/4"));
    }

    [Fact]
    public async Task An_unknown_workflow_type_throws_and_stores_nothing()
    {
        var harness = new OrderHarness();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Runtime().StartAsync("invoice", "i-1", "{}", None));

        Assert.Contains("'invoice'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Instances.ListAsync(null, null, None));
    }

    [Fact]
    public async Task An_instance_of_a_type_this_runtime_does_not_know_cannot_be_raised()
    {
        var harness = new OrderHarness();
        await harness.StartAsync(harness.Runtime());
        var stranger = new WorkflowRuntime(harness.Instances, harness.Timers, [], [], harness.Clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RaiseAsync(stranger, new ExternalEvent("cancel", "{}")));

        Assert.Contains("'order'", error.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Running, (await harness.InstanceAsync()).Status);
    }

    [Fact]
    public async Task An_unknown_activity_throws_and_fails_the_instance_naming_it()
    {
        var harness = new OrderHarness(unregistered: OrderWorkflow.Email);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(harness.Runtime()));

        Assert.Contains("'email'", error.Message, StringComparison.Ordinal);
        var failed = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.StartsWith("email: ", failed.Error, StringComparison.Ordinal);
        Assert.Contains("'email'", failed.Error, StringComparison.Ordinal);
        Assert.Equal("o-1/3", Assert.Single(failed.Pending).Id);
        Assert.Equal(1, harness.Charge.TotalRuns);
    }

    [Fact]
    public async Task A_runtime_without_activities_fails_the_instance_at_its_first_activity()
    {
        // A runtime may be built without activities; the error only comes when a command needs one.
        var instances = new InMemoryWorkflowInstanceStore();
        var runtime = new WorkflowRuntime(instances, new InMemoryWorkflowTimerStore(), [new OrderWorkflow()], [], new FakeTimeProvider(OrderHarness.Start));

        await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.StartAsync(OrderWorkflow.TypeName, Id, OrderWorkflow.Input(Id), None));

        Assert.Equal("charge: no workflow activity 'charge'", (await instances.GetAsync(OrderWorkflow.TypeName, Id, None))?.Error);
    }

    private static void AssertResumedAfterChargeFailed(OrderHarness harness, WorkflowInstance instance)
    {
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Null(instance.Error);
        Assert.Empty(instance.Pending);
        Assert.Equal(["o-1/2"], instance.Timers);
        Assert.Equal("emailed", Step(instance));
        Assert.Equal(["started", "failed", "resumed", "completed o-1/1", "timer set", "completed o-1/3"], Events(instance));
        Assert.Equal("charge: card declined", instance.History[2].Detail);
        Assert.Equal(2, harness.Charge.Runs("o-1/1"));
        Assert.Equal(2, harness.Charge.TotalRuns);
        Assert.All(harness.Charge.Contexts, c => Assert.Equal("o-1/1", c.CommandId));
        Assert.Equal(1, harness.Email.Runs("o-1/3"));
    }
}
