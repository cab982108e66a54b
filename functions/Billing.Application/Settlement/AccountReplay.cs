using System.Globalization;
using Billing.Domain.Accounts;
using Billing.Domain.Catalog;
using Billing.Domain.Metering;
using Billing.Domain.Payments;
using Billing.Workflows.Simulation;

namespace Billing.Application.Settlement;

/// <summary>
/// Replays an invoiced customer's account through the billing engine: its customers (itself and its pooled and
/// separate children), their packs and payments, and the usage its settlements read, up to an instant. The
/// engine used is the one <c>scenario run</c> uses, so the service's invoices are the scenario runner's.
/// Usage of a snapshot arrives at its own time; late usage arrives just before the settlement that billed it. Invoices
/// in <c>issued</c> (the stored ones) are issued as they were, not priced again, and late usage of a settled period is
/// priced by the plan that period was priced with (<c>settledPlans</c>).
/// </summary>
public static class AccountReplay
{
    public static SimulationOutcome Run(
        ProductCatalog catalog,
        IReadOnlyList<Customer> customers,
        IReadOnlyList<Payment> payments,
        IReadOnlyList<SettlementSnapshot> snapshots,
        IReadOnlyList<UsageBucket> openUsage,
        DateTimeOffset until,
        TimeSpan grace,
        IReadOnlyDictionary<string, Billing.Domain.Dunning.DunningPolicy>? ladders = null,
        IReadOnlyList<PaymentPlan>? plans = null,
        IReadOnlyList<Domain.Invoicing.Invoice>? issued = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, Plan>>? settledPlans = null)
    {
        var startsAt = customers.ToDictionary(c => c.Id, c => c.StartsAt, StringComparer.Ordinal);
        var events = new List<RawUsageEvent>();
        var sequence = 0;
        foreach (var snapshot in snapshots)
        {
            events.AddRange(snapshot.Usage.SelectMany(b => Events(b, catalog, startsAt, null, ref sequence)));
            events.AddRange(snapshot.Late.SelectMany(b => Events(b, catalog, startsAt, snapshot.SettledAt.AddTicks(-1), ref sequence)));
        }

        events.AddRange(openUsage.SelectMany(b => Events(b, catalog, startsAt, null, ref sequence)));
        var start = customers.Min(c => c.StartsAt);
        var firstPurchase = customers.SelectMany(c => c.Packs).Select(p => p.PurchasedAt).DefaultIfEmpty(start).Min();
        var input = new SimulationInput(
            firstPurchase < start ? firstPurchase : start,
            until.AddTicks(1),
            grace,
            catalog,
            customers,
            events.OrderBy(e => e.ReceivedAt).ToList(),
            payments.Where(p => p.At <= until).ToList())
        {
            DunningLadders = ladders ?? new Dictionary<string, Billing.Domain.Dunning.DunningPolicy>(StringComparer.Ordinal),
            PaymentPlans = (plans ?? []).Where(p => p.CreatedAt <= until).ToList(),
            IssuedInvoices = issued ?? [],
            SettledPlans = settledPlans ?? new Dictionary<string, IReadOnlyDictionary<string, Plan>>(StringComparer.Ordinal),
            IssuedLateAt = snapshots.Where(s => s.IssuedAt is not null).GroupBy(s => s.Customer, StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, DateTimeOffset>)g.ToDictionary(s => "usage/" + s.Period, s => s.IssuedAt!.Value, StringComparer.Ordinal),
                StringComparer.Ordinal),
        };
        return new BillingSimulation(input).Run();
    }

    private static List<RawUsageEvent> Events(UsageBucket bucket, ProductCatalog catalog, Dictionary<string, DateTimeOffset> startsAt, DateTimeOffset? receivedAt, ref int sequence)
    {
        var meter = catalog.Meters.GetValueOrDefault(bucket.Meter);
        if (meter is null || !startsAt.TryGetValue(bucket.Customer, out var customerStart))
        {
            return [];
        }

        var at = bucket.Start < customerStart ? customerStart : bucket.Start;
        var arrival = receivedAt ?? at;
        if (bucket.Id is not null)
        {
            // One event of a meter priced per event: it keeps its own id, so ties at one instant break as they did on arrival.
            return [new RawUsageEvent(bucket.Id, bucket.Customer, bucket.Meter, at, arrival, null, bucket.Id) { Measured = ReadingResult.Of(bucket.Sum, null) }];
        }

        var readings = meter.Aggregation switch
        {
            Aggregation.UniqueCount => (bucket.Distinct ?? []).Select(value => ReadingResult.Of(1m, value)).ToList(),
            Aggregation.Count => [ReadingResult.Of(bucket.Count, null)],
            Aggregation.Max => [ReadingResult.Of(bucket.Max, null)],
            _ => [ReadingResult.Of(bucket.Sum, null)],
        };
        var events = new List<RawUsageEvent>(readings.Count);
        foreach (var reading in readings)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"~{bucket.Customer}|{bucket.Meter}|{bucket.Start.UtcTicks}|{sequence++}");
            events.Add(new RawUsageEvent(id, bucket.Customer, bucket.Meter, at, arrival, null, id) { Measured = reading });
        }

        return events;
    }
}
