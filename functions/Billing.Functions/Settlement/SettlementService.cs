using System.Globalization;
using Billing.Domain.Accounts;
using Billing.Domain.Invoicing;
using Billing.Domain.Packs;
using Billing.Domain.Payments;
using Billing.Domain.Periods;
using Billing.Functions.Accounts;
using Billing.Functions.Configuration;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;
using Billing.Storage.Settlement;
using Billing.Storage.Usage;
using Billing.Workflows.Scenarios;
using Billing.Workflows.Simulation;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Settlement;

/// <summary>
/// Settles an invoiced customer's periods that are due (end + grace at or before now) and issues pack purchases,
/// by replaying the account through the engine from its settlement snapshots. Each step is idempotent, so a
/// settlement run twice, or resumed after a crash at any point, yields one invoice, one number and one
/// snapshot per period: the period is marked settled first (later usage counts as late), the snapshot is
/// written once (a rerun reads it back instead of the live rows), the number is claimed by invoice key, and
/// the invoice is stored by key. Afterwards every stored invoice's paid amount and status are refreshed.
/// </summary>
public sealed partial class SettlementService(
    BillingDirectory directory,
    UsageBucketReader reader,
    SettlementSnapshots snapshots,
    SettledPeriods settledPeriods,
    UsageMarkers markers,
    PaymentStore payments,
    PaymentPlanStore paymentPlans,
    InvoiceNumberAllocator numbers,
    InvoiceStore invoices,
    InvoiceDelivery delivery,
    CrashPoints crashes,
    InvoiceStanding standing,
    Collections.CollectionsService collections,
    IOptions<BillingOptions> options,
    DunningLadders ladders,
    ILogger<SettlementService> logger)
{
    private IReadOnlyDictionary<string, Domain.Dunning.DunningPolicy> Ladders => ladders.ByRiskLevel;

    /// <summary>Settles what is due for the customer at <paramref name="now"/>; returns the invoices issued by this call.</summary>
    public async Task<IReadOnlyList<StoredInvoice>> SettleAsync(string customerId, DateTimeOffset now, CancellationToken ct) =>
        (await RunAsync(customerId, now, ct)).Issued;

    /// <summary>
    /// Settles what is due for the customer at <paramref name="now"/>, delivers and collects; returns the invoices issued by
    /// this call, every invoice of the customer with its refreshed standing, and the dunning ladder that applies to them.
    /// </summary>
    public async Task<SettlementRun> RunAsync(string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var catalog = await directory.CatalogAsync(ct) ?? throw new InvalidOperationException("no catalog has been published yet");
        var family = await directory.FamilyAsync(customerId, ct);
        if (family.Count == 0 || family[0].BillsThroughParent)
        {
            return SettlementRun.Nothing;
        }

        var head = family[0];
        var plan = catalog.Catalog.Plans[head.PlanCode];
        var calendar = catalog.Calendar;
        var grace = TimeSpan.FromHours((double)options.Value.LateArrivalGraceHours);
        var history = await snapshots.ForCustomerAsync(head.Id, ct);
        var accountPayments = await PaymentsAsync(family, ct);
        var plans = await paymentPlans.ForCustomerAsync(head.Id, ct);
        var stored = (await invoices.ForCustomerAsync(head.Id, ct)).ToDictionary(i => i.Key, StringComparer.Ordinal);
        var issued = new List<StoredInvoice>();

        var period = history.Count == 0 ? calendar.PeriodContaining(head.StartsAt, plan.Period) : calendar.Next(calendar.TryParse(history[^1].Period, plan.Period)!);
        while (period.End + grace <= now)
        {
            var due = period.End + grace;
            await settledPeriods.MarkSettledAsync(head.Id, period.Name, due, ct);
            var snapshot = await snapshots.KeepAsync(await ReadSnapshotAsync(family, catalog, period, due, history, ct), ct);
            history.Add(snapshot);
            var inForce = await InForceAsync(period, family, catalog, ct);
            var outcome = AccountReplay.Run(inForce.Catalog, family, accountPayments, history, [], due, grace, Ladders, plans);
            issued.AddRange(await IssueNewAsync(head.Id, outcome, calendar, stored, ct));
            LogSettled(head.Id, period.Name);
            period = calendar.Next(period);
        }

        // Pack purchases are invoiced at once; replay up to now (but not into an unsettled period's settlement).
        var until = now < period.End + grace ? now : period.End + grace - TimeSpan.FromTicks(1);
        var current = AccountReplay.Run(catalog.Catalog, family, accountPayments, history, [], until, grace, Ladders, plans);
        issued.AddRange(await IssueNewAsync(head.Id, current, calendar, stored, ct));
        var standings = await standing.RefreshAsync(head.Id, stored.Values.ToList(), accountPayments, now, ct);
        await DeliverPendingAsync(family, current, catalog, standings, ct);
        await collections.ExecuteDueAsync(family, current, now, ct);
        return new SettlementRun(issued, standings, ladders.For(head.RiskLevel, catalog.Catalog.Dunning));
    }

    /// <summary>
    /// The latest period of the invoiced customer whose end plus the grace is at or before <paramref name="now"/>: the one a
    /// settlement requested now closes. Null when none has ended yet (or the customer is not invoiced on its own).
    /// </summary>
    public async Task<string?> LatestDuePeriodAsync(string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var catalog = await directory.CatalogAsync(ct);
        var family = await directory.FamilyAsync(customerId, ct);
        if (catalog is null || family.Count == 0 || family[0].BillsThroughParent || !catalog.Catalog.Plans.TryGetValue(family[0].PlanCode, out var plan))
        {
            return null;
        }

        var grace = TimeSpan.FromHours((double)options.Value.LateArrivalGraceHours);
        var open = catalog.Calendar.FirstPeriodEndingAfter(family[0].StartsAt, plan.Period, now - grace);

        // The open period is the customer's first when it contains the start; otherwise the one before it has ended.
        return open.Start <= family[0].StartsAt ? null : catalog.Calendar.PeriodContaining(open.Start.AddTicks(-1), plan.Period).Name;
    }

    /// <summary>The account as the engine sees it now: settled usage from snapshots plus the open periods read live (for previews).</summary>
    public async Task<(SimulationOutcome Outcome, BillingPeriod OpenPeriod)?> PreviewAsync(string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var catalog = await directory.CatalogAsync(ct);
        var family = await directory.FamilyAsync(customerId, ct);
        if (catalog is null || family.Count == 0 || family[0].BillsThroughParent)
        {
            return null;
        }

        var head = family[0];
        var plan = catalog.Catalog.Plans[head.PlanCode];
        var history = await snapshots.ForCustomerAsync(head.Id, ct);
        var open = history.Count == 0 ? catalog.Calendar.PeriodContaining(head.StartsAt, plan.Period) : catalog.Calendar.Next(catalog.Calendar.TryParse(history[^1].Period, plan.Period)!);
        // Up to and including now: usage received at this very instant counts (its hour starts at or before now).
        var usage = await reader.ReadAsync(family.Select(c => c.Id).ToList(), MetersOf(family, catalog), catalog.Calendar, open.Start, now.AddTicks(1), Boundaries(family, catalog.Calendar), ct);
        var grace = TimeSpan.FromHours((double)options.Value.LateArrivalGraceHours);
        var outcome = AccountReplay.Run(catalog.Catalog, family, await PaymentsAsync(family, ct), history, usage, now, grace, Ladders, await paymentPlans.ForCustomerAsync(head.Id, ct));
        return (outcome, catalog.Calendar.PeriodContaining(now, plan.Period));
    }

    private async Task<SettlementSnapshot> ReadSnapshotAsync(
        IReadOnlyList<Customer> family, CatalogSnapshot catalog, BillingPeriod period, DateTimeOffset due, List<SettlementSnapshot> history, CancellationToken ct)
    {
        var members = family.Select(c => c.Id).ToList();
        var meters = MetersOf(family, catalog);
        var boundaries = Boundaries(family, catalog.Calendar);
        var usage = await reader.ReadAsync(members, meters, catalog.Calendar, period.Start, period.End, boundaries, ct);

        // Usage that reached settled periods since they were settled: re-read the marked days and compare.
        var late = new List<UsageBucket>();
        if (history.Count > 0)
        {
            var settledUntil = catalog.Calendar.TryParse(history[^1].Period, period.Unit)!.End;
            var marked = (await markers.ForAsync(family[0].Id, ct))
                .Where(m => catalog.Calendar.StartOfDay(m.Day) < settledUntil)
                .GroupBy(m => m.Day);
            foreach (var day in marked)
            {
                var from = catalog.Calendar.StartOfDay(day.Key);
                var to = catalog.Calendar.StartOfDay(day.Key.AddDays(1));
                var current = await reader.ReadAsync(day.Select(m => m.Customer).Distinct().ToList(), meters.Where(m => day.Any(d => d.Meter == m.Code)).ToList(), catalog.Calendar, from, to < settledUntil ? to : settledUntil, boundaries, ct);
                var billed = history.SelectMany(s => s.Usage.Concat(s.Late)).Where(b => b.Start >= from && b.Start < to);
                late.AddRange(LateUsageDiff.Compute(current, billed, catalog.Calendar));
            }
        }

        return new SettlementSnapshot(family[0].Id, period.Name, due, usage, late);
    }

    /// <summary>Numbers and stores the outcome's invoices that <paramref name="stored"/> (the customer's stored invoices, kept up to date here) lacks.</summary>
    private async Task<List<StoredInvoice>> IssueNewAsync(string customerId, SimulationOutcome outcome, BillingCalendar calendar, Dictionary<string, StoredInvoice> stored, CancellationToken ct)
    {
        var issued = new List<StoredInvoice>();
        if (!outcome.Accounts.TryGetValue(customerId, out var account))
        {
            return issued;
        }

        foreach (var receivable in account.Receivables)
        {
            var key = receivable.Invoice.Key;
            if (stored.ContainsKey(key))
            {
                continue;
            }

            var year = calendar.LocalDate(receivable.Invoice.IssuedAt).Year;
            var sequence = await numbers.AllocateAsync(options.Value.Issuer, year, customerId + "/" + key, ct);
            var number = new InvoiceNumberFormat(options.Value.InvoiceNumberFormat).Format(year, sequence);
            await crashes.PassAsync("numbering", ct);
            var invoice = await invoices.IssueAsync(ToStored(customerId, number, receivable), ct);
            stored[key] = invoice;
            issued.Add(invoice);
        }

        return issued;
    }

    /// <summary>
    /// The catalog version that prices <paramref name="period"/> (published before it started; a plan changed mid-period
    /// applies from the next one). The current version stands in when the family's plans are not all in the older one.
    /// </summary>
    private async Task<CatalogSnapshot> InForceAsync(BillingPeriod period, IReadOnlyList<Customer> family, CatalogSnapshot current, CancellationToken ct)
    {
        var inForce = await directory.CatalogInForceAsync(period.Start, ct) ?? current;
        return family.All(c => inForce.Catalog.Plans.ContainsKey(c.PlanCode)) && family.SelectMany(c => c.Packs).All(p => inForce.Catalog.Meters.ContainsKey(p.Meter))
            ? inForce
            : current;
    }

    /// <summary>Renders, stores and emails every issued invoice not delivered yet (after a crash too).</summary>
    private async Task DeliverPendingAsync(IReadOnlyList<Customer> family, SimulationOutcome outcome, CatalogSnapshot catalog, IReadOnlyList<StoredInvoice> invoicesOfHead, CancellationToken ct)
    {
        var head = family[0];
        if (!outcome.Accounts.TryGetValue(head.Id, out var account))
        {
            return;
        }

        foreach (var stored in invoicesOfHead.Where(i => !i.Delivered))
        {
            var receivable = account.Receivables.FirstOrDefault(r => r.Invoice.Key == stored.Key);
            if (receivable is not null)
            {
                await delivery.DeliverAsync(stored, receivable, head, catalog, ct, family);
            }
        }
    }

    private async Task<List<Payment>> PaymentsAsync(IReadOnlyList<Customer> family, CancellationToken ct)
    {
        var all = new List<Payment>();
        foreach (var member in family)
        {
            all.AddRange(await payments.ForCustomerAsync(member.Id, ct));
        }

        return all;
    }

    private static List<Domain.Catalog.Meter> MetersOf(IReadOnlyList<Customer> family, CatalogSnapshot catalog) =>
        family.Select(c => catalog.Catalog.Plans[c.PlanCode])
            .SelectMany(p => p.Charges.Select(ch => ch.Meter).Concat(p.FreeQuotas.Select(q => q.Meter)))
            .Concat(family.SelectMany(c => c.Packs).Select(p => p.Meter))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(code => catalog.Catalog.Meters[code])
            .ToList();

    /// <summary>Instants where a pack's usable quantity changes; an hour containing one is read event by event.</summary>
    private static List<DateTimeOffset> Boundaries(IReadOnlyList<Customer> family, BillingCalendar calendar) =>
        family.SelectMany(c => c.Packs)
            .SelectMany(p => PackAllocation.For(p, calendar).SelectMany(a => new[] { a.UsableFrom, a.UsableUntil }).Append(p.ValidFrom).Append(p.ValidTo))
            .Distinct()
            .ToList();

    private static StoredInvoice ToStored(string customerId, string number, Receivable receivable)
    {
        var invoice = receivable.Invoice;
        return new StoredInvoice(
            customerId,
            invoice.Key,
            number,
            invoice.Kind == InvoiceKind.Usage ? "usage" : "prepaid",
            invoice.Period,
            invoice.IssuedAt,
            invoice.DueAt,
            invoice.Currency.Code,
            invoice.Totals.Total,
            receivable.Paid,
            Status(receivable),
            OutcomeWriter.Invoice(receivable, number));
    }

    private static string Status(Receivable receivable) => receivable.IsPaid ? "paid" : "open";

    [LoggerMessage(Level = LogLevel.Information, Message = "Settled {Customer} for {Period}")]
    private partial void LogSettled(string customer, string period);
}
