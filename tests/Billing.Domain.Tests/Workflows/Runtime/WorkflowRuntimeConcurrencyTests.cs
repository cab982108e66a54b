using System.Globalization;
using Billing.Workflows.Runtime;
using static Billing.Domain.Tests.Workflows.Runtime.OrderHarness;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// Several runtimes (hosts) sharing one set of stores: every transition is a conditional write, so each applies once
/// although an idempotent activity may run on both.
/// </summary>
public sealed class WorkflowRuntimeConcurrencyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Two_runtimes_starting_one_instance_at_once_apply_each_transition_once()
    {
        var harness = new OrderHarness();
        var bothInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;
        harness.Charge.Before = async (_, ct) =>
        {
            if (Interlocked.Increment(ref inside) == 2)
            {
                bothInside.TrySetResult();
            }

            await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        };
        var a = harness.Runtime();
        var b = harness.Runtime();

        var starts = Task.WhenAll(Task.Run(() => harness.StartAsync(a)), Task.Run(() => harness.StartAsync(b)));
        await bothInside.Task.WaitAsync(Patience);
        release.SetResult();
        var runs = await starts.WaitAsync(Patience);

        Assert.Single(runs, r => r.Created);
        Assert.Equal(2, harness.Charge.Runs("o-1/1")); // both were inside the charge: idempotent by its command id
        var instance = await harness.InstanceAsync();
        Assert.All(runs, r => Assert.Equal(instance, r.Instance));
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Empty(instance.Pending);
        Assert.Equal(["o-1/2"], instance.Timers);
        Assert.Equal("emailed", Step(instance));
        Assert.Equal(WaitingHistory(), Events(instance));
        Assert.Equal(4, instance.Transitions);
        Assert.Equal(new WorkflowTimer(OrderWorkflow.TypeName, Id, "o-1/2", harness.ReminderDue), Assert.Single(await harness.AllTimersAsync()));
        Assert.InRange(harness.Email.Runs("o-1/3"), 1, 2);
        Assert.Single(await harness.Instances.ListAsync(null, null, None));

        var fired = await Task.WhenAll(
            Task.Run(() => a.FireDueTimersAsync(harness.ReminderDue, None)),
            Task.Run(() => b.FireDueTimersAsync(harness.ReminderDue, None)));

        Assert.InRange(fired.Sum(), 1, 2);
        var done = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(CompletedHistory(), Events(done));
        Assert.Empty(done.Pending);
        Assert.Empty(done.Timers);
        Assert.Empty(await harness.AllTimersAsync());
        Assert.InRange(harness.Remind.Runs("o-1/4"), 1, 2);
    }

    [Fact]
    public async Task Many_instances_driven_by_two_runtimes_each_complete_with_one_history()
    {
        var harness = new OrderHarness();
        var a = harness.Runtime();
        var b = harness.Runtime();
        var ids = Enumerable.Range(1, 40).Select(i => "o-" + i.ToString("D2", CultureInfo.InvariantCulture)).ToList();

        var runs = await Task.WhenAll(ids.SelectMany(id => new[] { a, b }.Select(r => Task.Run(() => harness.StartAsync(r, id))))).WaitAsync(Patience);

        Assert.All(ids, id => Assert.Single(runs, r => r.Created && r.Instance.Id == id));
        Assert.Equal(ids.Count, (await harness.AllTimersAsync()).Count);
        foreach (var id in ids)
        {
            var instance = await harness.InstanceAsync(id);
            Assert.Equal(WaitingHistory(id), Events(instance));
            Assert.Empty(instance.Pending);
            Assert.InRange(harness.Charge.Runs(OrderWorkflow.ChargeId(id)), 1, 2);
        }

        await Task.WhenAll(
            Task.Run(() => a.FireDueTimersAsync(harness.ReminderDue, None)),
            Task.Run(() => b.FireDueTimersAsync(harness.ReminderDue, None))).WaitAsync(Patience);

        Assert.Empty(await harness.AllTimersAsync());
        Assert.Equal(ids, (await harness.Instances.ListAsync(OrderWorkflow.TypeName, WorkflowStatus.Completed, None)).Select(i => i.Id));
        foreach (var id in ids)
        {
            Assert.Equal(CompletedHistory(id), Events(await harness.InstanceAsync(id)));
        }
    }

    [Fact]
    public async Task Events_raised_at_once_through_two_runtimes_are_each_applied_once()
    {
        var harness = new OrderHarness();
        var a = harness.Runtime();
        var b = harness.Runtime();
        await harness.StartAsync(a);
        const int each = 20;

        await Task.WhenAll(
            Enumerable.Range(0, each).SelectMany(_ => new[] { a, b }).Select(r => Task.Run(() => harness.RaiseAsync(r, new ExternalEvent("ping", "{}"))))).WaitAsync(Patience);

        var instance = await harness.InstanceAsync();
        Assert.Equal(2 * each, OrderWorkflow.Read(instance.State).Ignored);
        Assert.Equal(4 + (2 * each), instance.Transitions);
        Assert.Equal(2 * each, Events(instance).Count(e => e == "event ping"));
        Assert.Equal(WorkflowStatus.Running, instance.Status);
    }

    [Fact]
    public async Task A_cancel_racing_a_running_activity_wins_once_and_the_activity_output_is_ignored()
    {
        var harness = new OrderHarness();
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Charge.Before = async (_, ct) =>
        {
            inside.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        };
        var a = harness.Runtime();

        var start = Task.Run(() => harness.StartAsync(a));
        await inside.Task.WaitAsync(Patience);
        var cancel = await harness.RaiseAsync(harness.Runtime(), new ExternalEvent("cancel", "{}"));
        release.SetResult();
        var started = await start.WaitAsync(Patience);

        Assert.NotNull(cancel);
        Assert.Equal(WorkflowStatus.Completed, cancel.Instance.Status);
        Assert.Equal(cancel.Instance, started.Instance);
        Assert.Equal(cancel.Instance, await harness.InstanceAsync());
        Assert.Equal(["started", "event cancel", "completed"], Events(cancel.Instance));
        Assert.Equal(0, harness.Email.TotalRuns);

        // A timer row the losing driver may have written is ignored when it falls due, then dropped.
        await a.FireDueTimersAsync(DateTimeOffset.MaxValue, None);
        Assert.Empty(await harness.AllTimersAsync());
        Assert.Equal(0, harness.Remind.TotalRuns);
        Assert.Equal(cancel.Instance, await harness.InstanceAsync());
    }
}
