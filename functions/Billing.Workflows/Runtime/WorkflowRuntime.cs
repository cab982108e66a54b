using System.Globalization;

namespace Billing.Workflows.Runtime;

/// <summary>
/// Drives workflow instances: applies a definition's transition with a conditional write of the instance, then
/// runs its pending commands one by one, each followed by a conditional write (an activity's output is applied as
/// the next transition; a timer becomes a row in the timers table). A crash anywhere leaves the commands not yet
/// recorded as done in the instance, so a redelivery, a retry or another host runs them again; activities are
/// idempotent by command id, timer rows are keyed by it, and an event whose command is no longer pending or whose
/// timer is no longer set is ignored. Two drivers of one instance never both apply a transition (the version
/// check), although both may run the same idempotent activity. An activity that throws marks the instance
/// failed (pending commands kept) and the exception propagates, so the caller's retry policy applies.
/// The same runtime serves the host (table-backed stores, system or simulated clock) and tests (in-memory stores).
/// </summary>
public sealed class WorkflowRuntime
{
    private readonly IWorkflowInstanceStore instances;
    private readonly IWorkflowTimerStore timers;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, IWorkflowDefinition> definitions;
    private readonly Dictionary<string, IWorkflowActivity> activities;

    public WorkflowRuntime(
        IWorkflowInstanceStore instances, IWorkflowTimerStore timers, IEnumerable<IWorkflowDefinition> definitions, IEnumerable<IWorkflowActivity> activities, TimeProvider clock)
    {
        this.instances = instances;
        this.timers = timers;
        this.clock = clock;
        this.definitions = definitions.ToDictionary(d => d.Type, StringComparer.Ordinal);
        this.activities = activities.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public IWorkflowInstanceStore Instances => instances;

    public IWorkflowTimerStore Timers => timers;

    /// <summary>
    /// Starts the instance (idempotent: an existing one is resumed instead, a failed one first set running again) and
    /// drives it until it waits for a timer or an event, completes, or fails.
    /// </summary>
    public async Task<WorkflowRun> StartAsync(string type, string id, string input, CancellationToken ct)
    {
        // Read first: a settlement request for a period already started is the common case (the timer runs every few minutes).
        var instance = await instances.GetAsync(type, id, ct);
        var created = false;
        if (instance is null)
        {
            var now = clock.GetUtcNow();
            var decision = Definition(type).Decide(null, new WorkflowStarted(input), now);
            var empty = new WorkflowInstance(type, id, WorkflowStatus.Running, decision.State, [], [], [], 0, now, now, null, null);
            instance = await instances.TryAddAsync(CompleteIfDone(WithCommands(empty, decision.Commands).Record(now, "started", input), decision), ct);
            created = instance is not null;
            instance ??= await instances.GetAsync(type, id, ct) ?? throw new InvalidOperationException($"workflow {type}/{id} vanished while starting");
        }

        return await DriveAsync(instance, created, ct);
    }

    /// <summary>Sets a failed instance running again and drives it; a running one is driven, a completed one left alone. Null when it does not exist.</summary>
    public async Task<WorkflowRun?> RetryAsync(string type, string id, CancellationToken ct)
    {
        var instance = await instances.GetAsync(type, id, ct);
        return instance is null ? null : await DriveAsync(instance, false, ct);
    }

    /// <summary>
    /// Applies an event from outside (or a fired timer) and drives the instance; null when the instance does not exist.
    /// An event that no longer applies (already applied, stale, or the workflow has ended) changes nothing, but the instance
    /// is still driven, so a redelivered event resumes the commands a crash or a failure left pending.
    /// </summary>
    public async Task<WorkflowRun?> RaiseAsync(string type, string id, WorkflowEvent happened, CancellationToken ct)
    {
        while (true)
        {
            var instance = await instances.GetAsync(type, id, ct);
            if (instance is null)
            {
                return null;
            }

            var applied = Apply(instance, happened);
            if (applied is null)
            {
                return await DriveAsync(instance, false, ct);
            }

            var saved = await instances.TryReplaceAsync(applied, ct);
            if (saved is not null)
            {
                return await DriveAsync(saved, false, ct);
            }
        }
    }

    /// <summary>
    /// Fires every timer due at or before <paramref name="until"/>, earliest first, and removes its row once the instance has
    /// taken it; returns how many fired. When the work a timer starts fails, the instance is marked failed (operators see it
    /// and can retry) and the row stays, so the next sweep resumes the instance; the other due timers still fire.
    /// </summary>
    public async Task<int> FireDueTimersAsync(DateTimeOffset until, CancellationToken ct)
    {
        var fired = 0;
        foreach (var timer in await timers.DueAsync(until, ct))
        {
            try
            {
                await RaiseAsync(timer.Type, timer.InstanceId, new TimerFired(timer.CommandId, timer.DueAt), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && definitions.ContainsKey(timer.Type))
            {
                // The instance recorded the failure. A row of an unknown type is a deployment fault and stops the sweep.
                continue;
            }

            await timers.RemoveAsync(timer, ct);
            fired++;
        }

        return fired;
    }

    private async Task<WorkflowRun> DriveAsync(WorkflowInstance instance, bool created, CancellationToken ct)
    {
        if (instance.Status == WorkflowStatus.Failed)
        {
            var resumed = instance with { Status = WorkflowStatus.Running, Error = null };
            instance = await SaveAsync(resumed.Record(clock.GetUtcNow(), "resumed", instance.Error), ct);
        }

        var run = 0;
        while (instance.Status == WorkflowStatus.Running && instance.Pending.Count > 0)
        {
            var command = instance.Pending[0];
            WorkflowInstance? next;
            switch (command)
            {
                case StartTimer:
                    next = await SetLeadingTimersAsync(instance, ct);
                    break;

                case RunActivity activity:
                    string output;
                    try
                    {
                        output = await Activity(activity.Activity).RunAsync(new WorkflowActivityContext(instance.Type, instance.Id, activity.Id, activity.Input, clock.GetUtcNow()), ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        var failed = instance with { Status = WorkflowStatus.Failed, Error = $"{activity.Activity}: {ex.Message}" };
                        await instances.TryReplaceAsync(failed.Record(clock.GetUtcNow(), "failed", failed.Error), ct);
                        throw;
                    }

                    next = Apply(instance, new ActivityCompleted(activity.Id, output));
                    break;

                default:
                    throw new InvalidOperationException($"unknown workflow command {command.GetType().Name}");
            }

            run++;
            instance = next is null ? await ReloadAsync(instance, ct) : await instances.TryReplaceAsync(next, ct) ?? await ReloadAsync(instance, ct);
        }

        return new WorkflowRun(instance, created, run);
    }

    /// <summary>
    /// Writes the timer rows of the commands at the head of the pending list and drops those commands, for one write to
    /// record. The instance already lists these timers as set (a transition lists them with the commands it adds), so a
    /// sweep that finds a row before that write still finds its timer known; a crash before it writes the rows again.
    /// </summary>
    private async Task<WorkflowInstance> SetLeadingTimersAsync(WorkflowInstance instance, CancellationToken ct)
    {
        var leading = instance.Pending.TakeWhile(c => c is StartTimer).Cast<StartTimer>().ToList();
        await timers.AddAllAsync(leading.Select(t => new WorkflowTimer(instance.Type, instance.Id, t.Id, t.DueAt)).ToList(), ct);
        var next = instance with { Pending = instance.Pending.Skip(leading.Count).ToList() };
        foreach (var timer in leading)
        {
            next = next.Record(clock.GetUtcNow(), "timer set", $"{timer.Id} at {Instant(timer.DueAt)}");
        }

        return next;
    }

    /// <summary>The instance after <paramref name="happened"/>, or null when the event does not apply (already applied, stale, or the workflow has ended).</summary>
    private WorkflowInstance? Apply(WorkflowInstance instance, WorkflowEvent happened)
    {
        if (instance.Status == WorkflowStatus.Completed)
        {
            return null;
        }

        var pending = instance.Pending;
        var set = instance.Timers;
        string description;
        string? detail;
        switch (happened)
        {
            case ActivityCompleted done:
                if (!pending.Any(c => c.Id == done.CommandId))
                {
                    return null;
                }

                pending = pending.Where(c => c.Id != done.CommandId).ToList();
                description = "completed " + done.CommandId;
                detail = done.Output;
                break;

            case TimerFired fired:
                if (!set.Contains(fired.CommandId, StringComparer.Ordinal))
                {
                    return null;
                }

                set = set.Where(t => t != fired.CommandId).ToList();
                pending = pending.Where(c => c.Id != fired.CommandId).ToList();
                description = "timer fired";
                detail = fired.CommandId;
                break;

            case ExternalEvent external:
                description = "event " + external.Name;
                detail = external.Data;
                break;

            default:
                throw new InvalidOperationException($"{happened.GetType().Name} is applied only when starting");
        }

        var now = clock.GetUtcNow();
        var decision = Definition(instance.Type).Decide(instance.State, happened, now);
        var next = instance with { State = decision.State, Pending = pending, Timers = set };
        return CompleteIfDone(WithCommands(next, decision.Commands).Record(now, description, detail), decision);
    }

    /// <summary>Adds a decision's commands not already pending or set; timers are listed as set from here on.</summary>
    private static WorkflowInstance WithCommands(WorkflowInstance instance, IReadOnlyList<WorkflowCommand> commands)
    {
        var known = instance.Pending.Select(c => c.Id).Concat(instance.Timers).ToHashSet(StringComparer.Ordinal);
        var added = commands.Where(c => known.Add(c.Id)).ToList();
        return instance with
        {
            Pending = instance.Pending.Concat(added).ToList(),
            Timers = instance.Timers.Concat(added.OfType<StartTimer>().Select(t => t.Id)).ToList(),
        };
    }

    private static WorkflowInstance CompleteIfDone(WorkflowInstance instance, WorkflowDecision decision) =>
        decision.Completed
            ? (instance with { Status = WorkflowStatus.Completed, Pending = [], Timers = [], Error = null }).Record(instance.UpdatedAt, "completed", null)
            : instance;

    private async Task<WorkflowInstance> SaveAsync(WorkflowInstance instance, CancellationToken ct) =>
        await instances.TryReplaceAsync(instance, ct) ?? await ReloadAsync(instance, ct);

    private async Task<WorkflowInstance> ReloadAsync(WorkflowInstance instance, CancellationToken ct) =>
        await instances.GetAsync(instance.Type, instance.Id, ct) ?? throw new InvalidOperationException($"workflow {instance.Type}/{instance.Id} vanished");

    private IWorkflowDefinition Definition(string type) =>
        definitions.TryGetValue(type, out var definition) ? definition : throw new InvalidOperationException($"no workflow type '{type}'");

    private IWorkflowActivity Activity(string name) =>
        activities.TryGetValue(name, out var activity) ? activity : throw new InvalidOperationException($"no workflow activity '{name}'");

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
