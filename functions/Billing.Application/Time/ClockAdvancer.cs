using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Application.Queues;
using Billing.Application.Settlement;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Application.Time;

/// <summary>
/// Plays simulated time forward: first drains the work already queued, then, step by step in time order, moves
/// the clock to the next instant something is due (a period's settlement, a pack purchase, a dunning step or payment-plan
/// installment, or the next instant a dunning instance waits for: its period's ladder may differ from the current one) or to the target, raises that instant on the dunning orchestrations due there and waits until they have
/// moved on (<see cref="DunningClock"/>), requests settlement, drains again and lets the dunning instances the
/// settlement started take the instant. It returns when all the work this caused has completed, so a month
/// of settlement plays in seconds and the same inputs always give the same result.
/// </summary>
public sealed class ClockAdvancer(
    SimulatedClock clock,
    BillingDirectory directory,
    SettlementFanOut fanOut,
    IEnumerable<IQueueActivity> queues,
    Billing.Storage.Invoicing.InvoiceStore invoices,
    Collections.CollectionsMonitor collections,
    Billing.Storage.Payments.PaymentPlanStore plans,
    Imports.UsageImporter importer,
    DunningLadders ladders,
    DunningClock dunning,
    IOptions<BillingOptions> options)
{
    private readonly SemaphoreSlim gate = new(1, 1);

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
                var next = Earlier(await NextDueAsync(clock.GetUtcNow(), ct), await DunningClock.NextDueAsync(client, clock.GetUtcNow(), ct));
                var step = next is { } due && due < to ? due : to;
                if (step > clock.GetUtcNow())
                {
                    await clock.SetAsync(step, ct);
                }

                await dunning.ReachAsync(client, clock.GetUtcNow(), ct);
                await fanOut.RequestAllAsync(ct);
                await DrainAsync(ct);
                await dunning.ReachAsync(client, clock.GetUtcNow(), ct);
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

    /// <summary>The earliest instant after <paramref name="now"/> at which a settlement, a pack purchase or alert, or a dunning step is due.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var catalog = await directory.CatalogAsync(ct);
        if (catalog is null)
        {
            return null;
        }

        var grace = TimeSpan.FromHours((double)options.Value.LateArrivalGraceHours);
        DateTimeOffset? next = null;
        var plansOf = (await plans.AllAsync(ct)).ToLookup(p => p.Customer, StringComparer.Ordinal);
        var unpaidOf = (await invoices.UnpaidAsync("usage", ct)).ToLookup(i => i.Customer, StringComparer.Ordinal);
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

            // Installments of payment plans, and the ladder's steps counted from each (it resumes from a missed one).
            foreach (var agreed in plansOf[customer.Id])
            {
                foreach (var installment in agreed.Installments)
                {
                    foreach (var step in catalog.Catalog.Dunning.Steps.Select(s => installment.DueAt.AddDays(s.AfterDueDays)).Append(installment.DueAt).Where(i => i > now))
                    {
                        next = Earlier(next, step);
                    }
                }
            }

            // Dunning steps of unpaid invoices.
            foreach (var invoice in unpaidOf[customer.Id])
            {
                var policy = ladders.For(customer.RiskLevel, catalog.Catalog.Dunning);
                foreach (var step in policy.Steps)
                {
                    var due = step.DueFor(invoice.IssuedAt, invoice.DueAt);
                    if (due > now)
                    {
                        next = Earlier(next, due);
                    }
                }
            }
        }

        return next;
    }

    private static DateTimeOffset? Earlier(DateTimeOffset? current, DateTimeOffset? candidate) =>
        current is null || candidate < current ? candidate : current;
}
