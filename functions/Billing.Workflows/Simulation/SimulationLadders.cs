using System.Globalization;
using Billing.Domain.Dunning;
using Billing.Workflows.Dunning;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Simulation;

/// <summary>
/// The dunning ladders of a scenario run, in memory: the pure <see cref="DunningWorkflow"/> of each unpaid usage invoice,
/// with its step timers in one ordered set. A step's timer carries the step's instant, so a ladder resumed with new
/// instants leaves its earlier timers stale (they fire and change nothing), as do the timers of a paid ladder. A step
/// that runs is recorded on the timeline at the instant its timer fires. Timers due at the same instant fire in the order
/// of their ladder's instance id, then timer id; a timer set while timers fire is not among those fired by that call,
/// even when already due.
/// </summary>
internal sealed class SimulationLadders(List<TimelineEntry> timeline)
{
    private readonly SortedDictionary<string, Ladder> ladders = new(StringComparer.Ordinal);
    private readonly SortedSet<StepTimer> timers = new(Comparer<StepTimer>.Create(StepTimer.Compare));
    private DateTimeOffset now = DateTimeOffset.MinValue;

    /// <summary>When the earliest timer still set is due; null when none is.</summary>
    public DateTimeOffset? NextTimer => timers.Count == 0 ? null : timers.Min!.DueAt;

    /// <summary>Every ladder started, by instance id.</summary>
    public IReadOnlyList<DunningLadderRun> Runs =>
        [.. ladders.Select(l => new DunningLadderRun(l.Key, l.Value.State, l.Value.Completed, [.. l.Value.History]))];

    /// <summary>The instance id of an invoice's ladder: <c>{customer}/{invoice key}</c>.</summary>
    public static string InstanceId(string customer, string invoiceKey) => customer + "/" + invoiceKey;

    /// <summary>Starts the invoice's ladder (its first step's timer is set); a ladder already started is left as it is.</summary>
    public void Start(DunningLadderStart start, DateTimeOffset at)
    {
        MoveTo(at);
        var id = InstanceId(start.Customer, start.InvoiceKey);
        if (ladders.ContainsKey(id))
        {
            return;
        }

        var (state, commands) = DunningWorkflow.Start(start.Customer, start.InvoiceKey, start.Period, start.Policy, start.IssuedAt, start.DueAt);
        var ladder = new Ladder(state);
        ladders[id] = ladder;
        ladder.History.Add("started");
        Carry(id, ladder, commands);
    }

    /// <summary>Delivers <paramref name="happened"/> (payment, plan agreed, installment missed) to a ladder; nothing when it is not started or has completed.</summary>
    public void Raise(string instanceId, DunningEvent happened, DateTimeOffset at)
    {
        MoveTo(at);
        if (!ladders.TryGetValue(instanceId, out var ladder) || ladder.Completed)
        {
            return;
        }

        var (state, commands) = DunningWorkflow.Transition(ladder.State, happened);
        ladder.State = state;
        ladder.History.Add(happened switch
        {
            DunningInvoicePaid => "paid",
            DunningPlanAgreed => "plan-agreed",
            DunningResumed => "resumed",
            _ => happened.GetType().Name,
        });
        if (happened is DunningInvoicePaid)
        {
            // Payment completes the ladder: its steps not yet run are dropped and its timers set fire as no-ops.
            ladder.Completed = true;
            ladder.Set.Clear();
            return;
        }

        Carry(instanceId, ladder, commands);
    }

    /// <summary>Fires the timers due at or before <paramref name="at"/> (the earliest set); at least one must be due.</summary>
    public void FireTimers(DateTimeOffset at)
    {
        MoveTo(at);
        var due = timers.TakeWhile(t => t.DueAt <= at).ToList();
        if (due.Count == 0)
        {
            throw new InvalidOperationException($"no dunning timer is due at {at:O}");
        }

        foreach (var timer in due)
        {
            timers.Remove(timer);
            if (ladders[timer.InstanceId] is not { Completed: false } ladder || !ladder.Set.Remove(timer.Id))
            {
                continue;
            }

            // The timer of a step whose instant has since changed (a resumed ladder) is stale.
            if (timer.StepIndex < ladder.State.Steps.Count && ladder.State.Steps[timer.StepIndex].DueAt == timer.DueAt)
            {
                var (state, commands) = DunningWorkflow.Transition(ladder.State, new DunningStepDue(timer.StepIndex));
                ladder.State = state;
                Carry(timer.InstanceId, ladder, commands);
            }
        }
    }

    /// <summary>The ladder of an invoice's dunning; null when none was started.</summary>
    public DunningState? State(string instanceId) => ladders.TryGetValue(instanceId, out var ladder) ? ladder.State : null;

    /// <summary>Carries out a transition's commands in order: a step runs now (on the timeline), a step is scheduled once.</summary>
    private void Carry(string instanceId, Ladder ladder, IReadOnlyList<DunningCommand> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case RunDunningAction run:
                    var state = ladder.State;
                    ladder.History.Add(string.Create(CultureInfo.InvariantCulture, $"step {run.StepIndex + 1} {run.Action}"));
                    timeline.Add(new TimelineEntry(
                        state.Customer, now, ActionName(run.Action), state.Period, null,
                        string.Create(CultureInfo.InvariantCulture, $"invoice {state.InvoiceKey}, step {run.StepIndex + 1} of {state.Steps.Count}")));
                    break;

                case ScheduleDunningStep schedule:
                    var timer = new StepTimer(instanceId, schedule.StepIndex, schedule.DueAt);
                    if (ladder.Set.Add(timer.Id))
                    {
                        timers.Add(timer);
                    }

                    break;
            }
        }
    }

    private void MoveTo(DateTimeOffset at)
    {
        if (at > now)
        {
            now = at;
        }
    }

    private static string ActionName(DunningAction action) => action switch
    {
        DunningAction.Remind => TimelineAction.Remind,
        DunningAction.Throttle => TimelineAction.Throttle,
        DunningAction.Backup => TimelineAction.Backup,
        _ => TimelineAction.Suspend,
    };

    private sealed class Ladder(DunningState state)
    {
        public DunningState State { get; set; } = state;

        public bool Completed { get; set; }

        /// <summary>The ids of the timers set and not yet fired.</summary>
        public HashSet<string> Set { get; } = new(StringComparer.Ordinal);

        public List<string> History { get; } = [];
    }

    /// <summary>A step's timer; its id (<c>{instance}/step/{index}@{instant ticks}</c>) names the step and its instant.</summary>
    private sealed record StepTimer(string InstanceId, int StepIndex, DateTimeOffset DueAt)
    {
        public string Id { get; } = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}/step/{StepIndex}@{DueAt.UtcTicks}");

        public static int Compare(StepTimer? a, StepTimer? b)
        {
            if (a is null || b is null)
            {
                return a is null ? (b is null ? 0 : -1) : 1;
            }

            var byDue = a.DueAt.UtcTicks.CompareTo(b.DueAt.UtcTicks);
            var byInstance = byDue != 0 ? byDue : string.CompareOrdinal(a.InstanceId, b.InstanceId);
            return byInstance != 0 ? byInstance : string.CompareOrdinal(a.Id, b.Id);
        }
    }
}
