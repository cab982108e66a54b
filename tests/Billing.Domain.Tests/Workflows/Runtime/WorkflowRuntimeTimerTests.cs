using Billing.Workflows.Runtime;
using Billing.Workflows.Runtime.InMemory;
using static Billing.Domain.Tests.Workflows.Runtime.OrderHarness;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// Timers are rows keyed by due instant and command id; an instance applies a timer it has set once, so a row fired
/// again (as after a crash between raising the timer and removing its row) changes nothing.
/// </summary>
public sealed class WorkflowRuntimeTimerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_timer_row_fired_twice_is_applied_once()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        var row = Assert.Single(await harness.AllTimersAsync());
        Assert.Equal(1, await runtime.FireDueTimersAsync(harness.ReminderDue, None));
        var done = await harness.InstanceAsync();

        // As after a crash between raising the timer and removing its row: the row is back and is swept again.
        await harness.Timers.AddAsync(row, None);
        Assert.Equal(1, await runtime.FireDueTimersAsync(harness.ReminderDue, None));

        Assert.Equal(1, harness.Remind.Runs("o-1/4"));
        Assert.Equal(1, harness.Remind.TotalRuns);
        Assert.Equal(done, await harness.InstanceAsync());
        Assert.Equal(CompletedHistory(), Events(done));
        Assert.Empty(await harness.AllTimersAsync());
    }

    [Fact]
    public async Task A_timer_delivered_again_while_its_first_delivery_is_still_running_is_applied_once()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        var fired = new TimerFired("o-1/2", harness.ReminderDue);
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        harness.Remind.Before = async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                inside.TrySetResult();
                await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            }
        };

        var first = Task.Run(() => harness.RaiseAsync(runtime, fired));
        await inside.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The second delivery finds the timer taken; it drives the pending (idempotent) command itself and completes the instance.
        var second = await harness.RaiseAsync(harness.Runtime(), fired);
        release.SetResult();
        var firstRun = await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(second);
        Assert.Equal(WorkflowStatus.Completed, second.Instance.Status);
        Assert.NotNull(firstRun);
        Assert.Equal(WorkflowStatus.Completed, firstRun.Instance.Status);
        Assert.Equal(CompletedHistory(), Events(await harness.InstanceAsync()));
        Assert.Equal(2, harness.Remind.Runs("o-1/4"));
    }

    [Fact]
    public async Task Adding_the_same_timer_row_twice_keeps_one_and_it_fires_once()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        var row = Assert.Single(await harness.AllTimersAsync());

        await harness.Timers.AddAsync(row, None);
        await harness.Timers.AddAsync(row with { }, None);

        Assert.Single(await harness.AllTimersAsync());
        Assert.Equal(1, await runtime.FireDueTimersAsync(DateTimeOffset.MaxValue, None));
        Assert.Equal(1, harness.Remind.TotalRuns);
        Assert.Equal(WorkflowStatus.Completed, (await harness.InstanceAsync()).Status);
    }

    [Fact]
    public async Task A_row_for_an_instance_that_does_not_exist_is_dropped()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.Timers.AddAsync(new WorkflowTimer(OrderWorkflow.TypeName, "ghost", "ghost/2", OrderHarness.Start), None);

        Assert.Equal(1, await runtime.FireDueTimersAsync(OrderHarness.Start, None));

        Assert.Empty(await harness.AllTimersAsync());
        Assert.Empty(await harness.Instances.ListAsync(null, null, None));
    }

    [Fact]
    public async Task A_sweep_between_the_timer_row_and_the_instance_write_does_not_lose_the_timer()
    {
        var timers = new PausingTimerStore();
        var harness = new OrderHarness(reminderDelay: TimeSpan.Zero, timers: timers); // a reminder already due (a step due in the past)
        var starter = harness.Runtime();
        var sweeper = harness.Runtime();
        var rowWritten = timers.Arm();

        var start = Task.Run(() => harness.StartAsync(starter));
        await rowWritten.WaitAsync(TimeSpan.FromSeconds(10));
        await sweeper.FireDueTimersAsync(harness.Clock.GetUtcNow(), None);
        timers.Release();
        await start.WaitAsync(TimeSpan.FromSeconds(10));
        await sweeper.FireDueTimersAsync(DateTimeOffset.MaxValue, None);

        var instance = await harness.InstanceAsync();
        Assert.Equal(1, harness.Remind.Runs("o-1/4"));
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task A_timer_due_at_once_fires_at_the_next_sweep()
    {
        var harness = new OrderHarness(reminderDelay: TimeSpan.Zero);
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);

        Assert.Equal(new WorkflowTimer(OrderWorkflow.TypeName, Id, "o-1/2", OrderHarness.Start), Assert.Single(await harness.AllTimersAsync()));
        Assert.Equal(1, await runtime.FireDueTimersAsync(harness.Clock.GetUtcNow(), None));

        Assert.Equal(WorkflowStatus.Completed, (await harness.InstanceAsync()).Status);
        Assert.Equal(1, harness.Remind.TotalRuns);
    }

    [Fact]
    public async Task Timers_at_the_head_of_a_start_are_set_as_rows_and_fire_in_turn()
    {
        var clock = new FakeTimeProvider(OrderHarness.Start);
        var instances = new InMemoryWorkflowInstanceStore();
        var timers = new InMemoryWorkflowTimerStore();
        var runtime = new WorkflowRuntime(instances, timers, [new TwoTimersWorkflow()], [], clock);

        var run = await runtime.StartAsync(TwoTimersWorkflow.TypeName, "k", "\"k\"", None);

        Assert.True(run.Created);
        Assert.Equal(WorkflowStatus.Running, run.Instance.Status);
        Assert.Empty(run.Instance.Pending);
        Assert.Equal(["k/1", "k/2"], run.Instance.Timers);
        Assert.Equal(["started", "timer set", "timer set"], Events(run.Instance));
        Assert.Equal(run.Instance, await instances.GetAsync(TwoTimersWorkflow.TypeName, "k", None));
        Assert.Equal(
            [new WorkflowTimer(TwoTimersWorkflow.TypeName, "k", "k/1", OrderHarness.Start.AddHours(1)), new WorkflowTimer(TwoTimersWorkflow.TypeName, "k", "k/2", OrderHarness.Start.AddHours(2))],
            await timers.DueAsync(DateTimeOffset.MaxValue, None));

        Assert.Equal(1, await runtime.FireDueTimersAsync(OrderHarness.Start.AddHours(1), None));
        var half = await instances.GetAsync(TwoTimersWorkflow.TypeName, "k", None);
        Assert.NotNull(half);
        Assert.Equal(WorkflowStatus.Running, half.Status);
        Assert.Equal(["k/2"], half.Timers);
        Assert.Equal("\"k\"+1", half.State);

        Assert.Equal(1, await runtime.FireDueTimersAsync(OrderHarness.Start.AddHours(2), None));
        var done = await instances.GetAsync(TwoTimersWorkflow.TypeName, "k", None);
        Assert.NotNull(done);
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal("\"k\"+1+2", done.State);
        Assert.Equal(["started", "timer set", "timer set", "timer fired", "timer fired", "completed"], Events(done));
        Assert.Empty(await timers.DueAsync(DateTimeOffset.MaxValue, None));
    }
}
