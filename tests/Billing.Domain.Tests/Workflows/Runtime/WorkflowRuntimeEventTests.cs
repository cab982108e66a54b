using System.Globalization;
using Billing.Workflows.Runtime;
using static Billing.Domain.Tests.Workflows.Runtime.OrderHarness;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// External events: applied as transitions (and recorded) while the instance runs; once it has completed every event,
/// timer and retry is ignored. The history keeps the newest <see cref="WorkflowInstance.HistoryLimit"/> entries while
/// <see cref="WorkflowInstance.Transitions"/> counts them all.
/// </summary>
public sealed class WorkflowRuntimeEventTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_cancel_event_completes_the_waiting_workflow()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        harness.Clock.Advance(TimeSpan.FromHours(2));

        var run = await harness.RaiseAsync(runtime, new ExternalEvent("cancel", "{\"reason\":\"customer\"}"));

        Assert.NotNull(run);
        Assert.False(run.Created);
        Assert.Equal(0, run.CommandsRun);
        var cancelled = await harness.InstanceAsync();
        Assert.Equal(cancelled, run.Instance);
        Assert.Equal(WorkflowStatus.Completed, cancelled.Status);
        Assert.Equal("cancelled", Step(cancelled));
        Assert.Empty(cancelled.Pending);
        Assert.Empty(cancelled.Timers);
        Assert.Equal([.. WaitingHistory(), "event cancel", "completed"], Events(cancelled));
        Assert.Equal("{\"reason\":\"customer\"}", cancelled.History[4].Detail);
        Assert.Equal(6, cancelled.Transitions);
        Assert.Equal(OrderHarness.Start.AddHours(2), cancelled.UpdatedAt);
        Assert.Equal(0, harness.Remind.TotalRuns);
    }

    [Fact]
    public async Task Events_timers_retries_and_starts_after_completion_are_ignored()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        var cancelled = (await harness.RaiseAsync(runtime, new ExternalEvent("cancel", "{}")))!.Instance;
        harness.Clock.Advance(TimeSpan.FromHours(1));

        var again = await harness.RaiseAsync(runtime, new ExternalEvent("cancel", "{}"));
        var other = await harness.RaiseAsync(runtime, new ExternalEvent("ping", "{}"));
        var lateActivity = await harness.RaiseAsync(runtime, new ActivityCompleted("o-1/4", "{}"));
        var retry = await harness.RetryAsync(runtime);
        var start = await harness.StartAsync(runtime);

        foreach (var run in new[] { again, other, lateActivity, retry, start })
        {
            Assert.NotNull(run);
            Assert.False(run.Created);
            Assert.Equal(0, run.CommandsRun);
            Assert.Equal(cancelled, run.Instance);
        }

        // The timer row outlives the workflow until it falls due; the sweep then drops it without running anything.
        Assert.Single(await harness.AllTimersAsync());
        Assert.Equal(1, await runtime.FireDueTimersAsync(harness.ReminderDue, None));
        Assert.Empty(await harness.AllTimersAsync());
        Assert.Equal(0, harness.Remind.TotalRuns);
        Assert.Equal(cancelled, await harness.InstanceAsync());
        Assert.Equal("cancelled", Step(cancelled));
    }

    [Fact]
    public async Task A_cancel_before_the_charge_ran_completes_a_failed_instance()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        harness.Charge.FaultMessage = "card declined";
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(runtime));

        var run = await harness.RaiseAsync(runtime, new ExternalEvent("cancel", "{}"));

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Completed, run.Instance.Status);
        Assert.Equal("cancelled", Step(run.Instance));
        Assert.Empty(run.Instance.Pending);
        Assert.Equal(["started", "failed", "event cancel", "completed"], Events(run.Instance));
        Assert.Equal(1, harness.Charge.TotalRuns);
    }

    [Fact]
    public async Task Other_events_are_applied_in_turn_without_completing()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);

        for (var i = 0; i < 3; i++)
        {
            var run = await harness.RaiseAsync(runtime, new ExternalEvent("ping", "{}"));
            Assert.NotNull(run);
            Assert.Equal(0, run.CommandsRun);
        }

        var instance = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Equal(3, OrderWorkflow.Read(instance.State).Ignored);
        Assert.Equal("emailed", Step(instance));
        Assert.Equal(["o-1/2"], instance.Timers);
        Assert.Equal([.. WaitingHistory(), "event ping", "event ping", "event ping"], Events(instance));
    }

    [Fact]
    public async Task History_is_capped_at_the_limit_while_transitions_keep_counting()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        const int pings = 60; // 4 transitions from the start, then 60: 64 in all, more than the limit of 50

        for (var i = 1; i <= pings; i++)
        {
            await harness.RaiseAsync(runtime, new ExternalEvent("ping", i.ToString(CultureInfo.InvariantCulture)));
        }

        var instance = await harness.InstanceAsync();
        Assert.Equal(50, WorkflowInstance.HistoryLimit);
        Assert.Equal(WorkflowInstance.HistoryLimit, instance.History.Count);
        Assert.Equal(4 + pings, instance.Transitions);
        Assert.Equal(pings, OrderWorkflow.Read(instance.State).Ignored);
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.All(instance.History, h => Assert.Equal("event ping", h.Event));
        // The newest 50 of 64 transitions: pings 11 to 60, oldest first.
        Assert.Equal(
            Enumerable.Range(pings - WorkflowInstance.HistoryLimit + 1, WorkflowInstance.HistoryLimit).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            instance.History.Select(h => h.Detail));

        harness.Clock.SetUtcNow(harness.ReminderDue);
        await runtime.FireDueTimersAsync(harness.ReminderDue, None);

        var done = await harness.InstanceAsync();
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(WorkflowInstance.HistoryLimit, done.History.Count);
        Assert.Equal(4 + pings + 3, done.Transitions);
        Assert.Equal(["timer fired", "completed o-1/4", "completed"], Events(done)[^3..]);
        Assert.Equal("14", done.History[0].Detail);
    }

    [Fact]
    public async Task A_long_event_detail_is_cut_to_200_characters()
    {
        var harness = new OrderHarness();
        var runtime = harness.Runtime();
        await harness.StartAsync(runtime);
        var data = new string('x', 300);

        await harness.RaiseAsync(runtime, new ExternalEvent("ping", data));
        await harness.RaiseAsync(runtime, new ExternalEvent("ping", new string('y', 200)));

        var history = (await harness.InstanceAsync()).History;
        Assert.Equal(new string('x', 197) + "...", history[^2].Detail);
        Assert.Equal(new string('y', 200), history[^1].Detail);
    }

    [Fact]
    public void Record_drops_the_oldest_entries_beyond_the_limit()
    {
        var at = OrderHarness.Start;
        var instance = new WorkflowInstance("t", "i", WorkflowStatus.Running, "{}", [], [], [], 0, at, at, null, null);

        for (var i = 0; i < WorkflowInstance.HistoryLimit + 5; i++)
        {
            instance = instance.Record(at.AddSeconds(i), "step", i.ToString(CultureInfo.InvariantCulture));
        }

        Assert.Equal(WorkflowInstance.HistoryLimit + 5, instance.Transitions);
        Assert.Equal(WorkflowInstance.HistoryLimit, instance.History.Count);
        Assert.Equal("5", instance.History[0].Detail);
        Assert.Equal((WorkflowInstance.HistoryLimit + 4).ToString(CultureInfo.InvariantCulture), instance.History[^1].Detail);
        Assert.Equal(at.AddSeconds(WorkflowInstance.HistoryLimit + 4), instance.UpdatedAt);
    }
}
