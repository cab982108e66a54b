using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Application.Queues;
using Billing.Application.Settlement;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Application.Time;

/// <summary>
/// Plays simulated time forward: first drains the work already queued, then, step by step in time order, moves the clock
/// to the next instant something is due, or to the target. Two kinds of instants are due: those of the settlement cycle
/// (<see cref="NextDueAsync"/>: a period's settlement at its end plus the grace, a pack purchase, a pack's expiry alert),
/// and those the running dunning orchestrations wait for (their custom status's <c>nextAt</c>,
/// <see cref="DunningClock.NextDueAsync"/>: ladder steps, payment-plan installments). At every step the instant is raised
/// on the dunning instances due there and the clock waits until they have moved on (<see cref="DunningClock"/>); every
/// customer is settled only at a settlement-cycle instant, and at the first step after the customers or the catalog
/// changed (a customer added with a past start, a new plan: what the settlement timer's next run would pick up), never
/// at an instant only dunning waits for: there the orchestrations alone act, so a dunning instance that did not fire
/// at its instant leaves its step undone. After a settlement the instances it started take the instant too. Each step
/// drains the queues and scans the accounts that received usage (<see cref="Collections.CollectionsMonitor"/>: credit
/// checks, pack alerts); payments and payment plans settle their customer when they are posted. It returns when all
/// the work this caused has completed, so a month of settlement plays in seconds and the same inputs always give the
/// same result.
/// </summary>
public sealed class ClockAdvancer(
    SimulatedClock clock,
    BillingDirectory directory,
    SettlementFanOut fanOut,
    IEnumerable<IQueueActivity> queues,
    Collections.CollectionsMonitor collections,
    Imports.UsageImporter importer,
    DunningClock dunning,
    IOptions<BillingOptions> options)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The directory's change mark (<see cref="BillingDirectory.ChangeMarkAsync"/>) every customer was last settled with; null before the first settlement of this host.</summary>
    private string? settledWith;

    public async Task<DateTimeOffset> AdvanceAsync(DateTimeOffset to, DurableTaskClient client, CancellationToken ct)
    {
        using var activity = Hosting.BillingTelemetry.Source.StartActivity("clock.advance");
        await gate.WaitAsync(ct);
        try
        {
            await importer.RunAsync(ct);
            await DrainAsync(ct);
            await collections.ScanAsync(ct);
            while (true)
            {
                var settlementDue = await NextDueAsync(clock.GetUtcNow(), ct);
                var next = Earlier(settlementDue, await DunningClock.NextDueAsync(client, clock.GetUtcNow(), ct));
                var step = next is { } due && due < to ? due : to;
                if (step > clock.GetUtcNow())
                {
                    await clock.SetAsync(step, ct);
                }

                await dunning.ReachAsync(client, clock.GetUtcNow(), ct);
                var documents = await directory.ChangeMarkAsync(ct);
                if (settlementDue == step || documents != settledWith)
                {
                    await fanOut.RequestAllAsync(ct);
                    settledWith = documents;
                    await DrainAsync(ct);
                    await dunning.ReachAsync(client, clock.GetUtcNow(), ct);
                }

                await DrainAsync(ct);
                await collections.ScanAsync(ct);
                if (step >= to)
                {
                    return clock.GetUtcNow();
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs every queue until none has work or messages in flight.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var quiet = 0;
        while (quiet < 2)
        {
            var handled = 0;
            foreach (var queue in queues)
            {
                handled += await queue.RunOnceAsync(ct);
            }

            quiet = handled == 0 && queues.All(q => !q.IsBusy) ? quiet + 1 : 0;
            if (handled == 0 && quiet < 2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
    }

    /// <summary>
    /// The earliest instant after <paramref name="now"/> of the settlement cycle: a period's settlement (its end plus the
    /// grace), a pack purchase or a pack's expiry alert (7 days before its end). Not included: ladder steps and payment-plan
    /// installments, which the dunning instances wait for themselves.
    /// </summary>
    private async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var catalog = await directory.CatalogAsync(ct);
        if (catalog is null)
        {
            return null;
        }

        var grace = TimeSpan.FromHours((double)options.Value.LateArrivalGraceHours);
        DateTimeOffset? next = null;
        foreach (var customer in await directory.AllCustomersAsync(ct))
        {
            foreach (var pack in customer.Packs)
            {
                foreach (var instant in new[] { pack.PurchasedAt, pack.ValidTo - TimeSpan.FromDays(7) }.Where(i => i > now))
                {
                    next = Earlier(next, instant);
                }
            }

            if (customer.BillsThroughParent || !catalog.Catalog.Plans.TryGetValue(customer.PlanCode, out var plan))
            {
                continue;
            }

            next = Earlier(next, catalog.Calendar.FirstPeriodEndingAfter(customer.StartsAt, plan.Period, now - grace).End + grace);
        }

        return next;
    }

    private static DateTimeOffset? Earlier(DateTimeOffset? current, DateTimeOffset? candidate) =>
        current is null || candidate < current ? candidate : current;
}
