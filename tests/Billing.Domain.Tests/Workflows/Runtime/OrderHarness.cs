using System.Collections.Concurrent;
using Billing.Workflows.Runtime;
using Billing.Workflows.Runtime.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// In-memory stores, a fake clock (moved only by the tests), the order workflow and its three counting activities; <see cref="Runtime"/> makes
/// runtimes that share them all (as several hosts share the tables).
/// </summary>
internal sealed class OrderHarness
{
    public const string Id = "o-1";

    /// <summary>When the harness's clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly OrderWorkflow workflow;
    private readonly string? unregistered;
    private readonly ConcurrentQueue<string> journal = new();

    /// <summary>A harness; <paramref name="unregistered"/> names an activity the runtimes are not given.</summary>
    public OrderHarness(TimeSpan? reminderDelay = null, IWorkflowTimerStore? timers = null, string? unregistered = null)
    {
        workflow = new OrderWorkflow(reminderDelay ?? TimeSpan.FromDays(1));
        Timers = timers ?? new InMemoryWorkflowTimerStore();
        this.unregistered = unregistered;
        Charge = new(OrderWorkflow.Charge, journal);
        Email = new(OrderWorkflow.Email, journal);
        Remind = new(OrderWorkflow.Remind, journal);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public InMemoryWorkflowInstanceStore Instances { get; } = new();

    public IWorkflowTimerStore Timers { get; }

    public CountingActivity Charge { get; }

    public CountingActivity Email { get; }

    public CountingActivity Remind { get; }

    /// <summary>Every activity run so far, in order, as <c>activity commandId</c>.</summary>
    public IReadOnlyList<string> Journal => [.. journal];

    /// <summary>When the order <see cref="Id"/> started now reminds: the clock's instant plus one day.</summary>
    public DateTimeOffset ReminderDue => OrderHarness.Start.AddDays(1);

    public WorkflowRuntime Runtime() =>
        new(Instances, Timers, [workflow], new[] { Charge, Email, Remind }.Where(a => a.Name != unregistered), Clock);

    public Task<WorkflowRun> StartAsync(WorkflowRuntime runtime, string id = Id) =>
        runtime.StartAsync(OrderWorkflow.TypeName, id, OrderWorkflow.Input(id), CancellationToken.None);

    public Task<WorkflowRun?> RaiseAsync(WorkflowRuntime runtime, WorkflowEvent happened, string id = Id) =>
        runtime.RaiseAsync(OrderWorkflow.TypeName, id, happened, CancellationToken.None);

    public Task<WorkflowRun?> RetryAsync(WorkflowRuntime runtime, string id = Id) =>
        runtime.RetryAsync(OrderWorkflow.TypeName, id, CancellationToken.None);

    public async Task<WorkflowInstance> InstanceAsync(string id = Id) =>
        await Instances.GetAsync(OrderWorkflow.TypeName, id, CancellationToken.None) ?? throw new InvalidOperationException($"no order {id}");

    public async Task<IReadOnlyList<WorkflowTimer>> AllTimersAsync() => await Timers.DueAsync(DateTimeOffset.MaxValue, CancellationToken.None);

    public static string[] Events(WorkflowInstance instance) => [.. instance.History.Select(h => h.Event)];

    public static string Step(WorkflowInstance instance) => OrderWorkflow.Read(instance.State).Step;

    /// <summary>The history of an order that started, charged, set its timer and emailed (and now waits for the timer).</summary>
    public static string[] WaitingHistory(string id = Id) => ["started", "completed " + OrderWorkflow.ChargeId(id), "timer set", "completed " + OrderWorkflow.EmailId(id)];

    /// <summary>The history of an order that ran to the end through its timer.</summary>
    public static string[] CompletedHistory(string id = Id) => [.. WaitingHistory(id), "timer fired", "completed " + OrderWorkflow.RemindId(id), "completed"];
}
