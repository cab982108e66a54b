using Billing.Application.Collections.Dunning;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Settlement;

/// <summary>
/// Settles one invoiced customer now, as both the settlement queue and the settlement cycle's batches do: every period
/// ended (plus the grace) is rated, numbered, rendered, stored and emailed, pack purchases are issued and what is due is
/// collected (<see cref="SettlementService"/>). Then each unpaid usage invoice of the customer (the period just settled,
/// and earlier ones, periods issued late among them) gets its <see cref="InvoiceDunning"/> instance, started once (a start
/// of one that exists is a no-op, so a crash between the two loses none), given the next dunning instant the settlement
/// computed. Running it twice settles once.
/// Answers the numbers of the invoices of the latest period due (a rerun answers the same numbers) and of those this call
/// issued.
/// </summary>
public sealed class CustomerSettlement(SettlementService settlement, DunningStarter dunning, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> SettleAsync(string customer, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow();
        var period = await settlement.LatestDuePeriodAsync(customer, now, cancellationToken);
        var run = await settlement.RunAsync(customer, now, cancellationToken);
        var unpaid = run.Invoices
            .Where(i => i is { Kind: "usage", Period: not null } && i.Status != "paid")
            .Select(i => (i.Customer, Period: i.Period!))
            .Distinct()
            .OrderBy(i => i.Period, StringComparer.Ordinal);
        foreach (var (invoiced, unpaidPeriod) in unpaid)
        {
            await dunning.StartAsync(client, invoiced, unpaidPeriod, run.Dunning.GetValueOrDefault(unpaidPeriod), cancellationToken);
        }

        return [.. run.Invoices.Where(i => period is not null && i.Period == period).Concat(run.Issued).Select(i => i.Number).Distinct(StringComparer.Ordinal)];
    }
}
