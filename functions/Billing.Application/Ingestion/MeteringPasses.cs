namespace Billing.Application.Ingestion;

/// <summary>
/// Groups concurrent calls into passes of one piece of work each (a group commit). A call that finds no pass
/// running leads the next one: it first holds a gathering window open, which closes as soon as the pending items are
/// <c>full</c> (they fill their storage transactions) or after <c>window</c> on <c>time</c>, whichever comes first;
/// then it runs the pass over every item pending at that moment. Calls that join while a pass runs wait for the next
/// one, which the first of them leads. Every call returns when the pass that held its item has ended, and throws that
/// pass's failure if it failed, so a caller never completes before its own item is done. Each caller runs at most one
/// pass. Cancellation of the leader's token ends the window early and is left to the pass to observe, so pending
/// items are never left without a leader.
/// </summary>
/// <typeparam name="T">One caller's item.</typeparam>
public sealed class MeteringPasses<T>(
    TimeSpan window,
    TimeProvider time,
    Func<IReadOnlyList<T>, bool> full,
    Func<IReadOnlyList<T>, CancellationToken, Task> pass)
{
    private readonly Lock gate = new();
    private List<Pending> pending = [];
    private bool passRunning;
    private TaskCompletionSource? filled;

    /// <summary>Runs <paramref name="item"/> in a pass (perhaps led by another caller); returns once that pass has ended.</summary>
    public async Task RunAsync(T item, CancellationToken cancellationToken)
    {
        var mine = new Pending(item);
        bool lead;
        lock (gate)
        {
            pending.Add(mine);
            lead = !passRunning;
            passRunning = true;
            if (filled is not null && full(Items(pending)))
            {
                filled.TrySetResult();
            }
        }

        // Held by another caller's pass (its failure rethrown here), or handed the next pass to lead.
        if (!lead && await mine.Outcome.Task)
        {
            return;
        }

        await GatherAsync(cancellationToken);
        await RunPassAsync(mine, cancellationToken);
    }

    /// <summary>Holds the window open until the pending items are full or the window has passed.</summary>
    private async Task GatherAsync(CancellationToken cancellationToken)
    {
        Task gathered;
        lock (gate)
        {
            if (window <= TimeSpan.Zero || full(Items(pending)))
            {
                return;
            }

            filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gathered = filled.Task;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(window, time, timer.Token);
        await Task.WhenAny(gathered, elapsed);
        await timer.CancelAsync();
    }

    /// <summary>
    /// Runs every pending item (<paramref name="mine"/> among them) in one pass, tells the others the outcome, and
    /// hands the next pass to the first item that arrived meanwhile.
    /// </summary>
    private async Task RunPassAsync(Pending mine, CancellationToken cancellationToken)
    {
        List<Pending> taken;
        lock (gate)
        {
            taken = pending;
            pending = [];
            filled = null;
        }

        Exception? failure = null;
        try
        {
            await pass(Items(taken), cancellationToken);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        foreach (var other in taken.Where(p => !ReferenceEquals(p, mine)))
        {
            if (failure is null)
            {
                other.Outcome.TrySetResult(true);
            }
            else
            {
                other.Outcome.TrySetException(failure);
            }
        }

        lock (gate)
        {
            if (pending.Count == 0)
            {
                passRunning = false;
            }
            else
            {
                pending[0].Outcome.TrySetResult(false);
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static List<T> Items(List<Pending> of) => of.ConvertAll(p => p.Item);

    /// <summary>
    /// An item waiting for a pass. Its caller waits on <see cref="Outcome"/>: true when another caller's pass ran it,
    /// false when that caller handed it the next pass, the pass's failure otherwise.
    /// </summary>
    private sealed class Pending(T item)
    {
        public T Item { get; } = item;

        public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
