using System.Globalization;
using Billing.Domain.Accounts;
using Billing.Domain.Invoicing;
using Billing.Domain.Packs;
using Billing.Domain.Payments;
using Billing.Domain.Periods;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;
using Billing.Storage.Settlement;
using Billing.Storage.Usage;
using Billing.Workflows.Scenarios;
using Billing.Workflows.Simulation;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// Settles an invoiced customer's periods that are due (end + grace at or before now) and issues pack purchases,
/// by replaying the account through the engine from its settlement snapshots. Each step is idempotent, so a
/// settlement run twice, or resumed after a crash at any point, yields one invoice, one number and one
/// snapshot per period: the period is marked settled first (later usage counts as late), the snapshot is
/// written once (a rerun reads it back instead of the live rows), the number is claimed by invoice key, and
/// the invoice is stored by key. Afterwards every stored invoice's paid amount and status are refreshed.
/// An issued invoice is never re-priced: each period is settled under the documents in force then (the catalog version
/// published before it started, the customer documents as they stand at its settlement), recorded write-once in its
/// snapshot, and every later replay takes the stored invoices as issued and collects each period under its own
/// documents (<see cref="AccountReplays"/>).
/// </summary>
public sealed partial class SettlementService(
    BillingDirectory directory,
    SettlementUsage usage,
    SettlementSnapshots snapshots,
    SettledPeriods settledPeriods,
    PaymentStore payments,
    PaymentPlanStore paymentPlans,
    InvoiceNumberAllocator numbers,
    InvoiceStore invoices,
    InvoiceDelivery delivery,
    Events.IntegrationEventPublisher events,
    CrashPoints crashes,
    InvoiceStanding standing,
    Collections.CollectionsService collections,
    IOptions<BillingOptions> options,
    DunningLadders ladders,
    Workflows.WorkflowEventSender workflowEvents,
    PaymentFollowUps paymentFollowUps,
    ILogger<SettlementService> logger)
{
    private IReadOnlyDictionary<string, Domain.Dunning.DunningPolicy> Ladders => ladders.ByRiskLevel;

    /// <summary>Settles what is due for the customer at <paramref name="now"/>; returns the invoices issued by this call.</summary>
    public async Task<IReadOnlyList<StoredInvoice>> SettleAsync(string customerId, DateTimeOffset now, CancellationToken ct) =>
        (await RunAsync(customerId, now, ct)).Issued;

    /// <summary>
    /// How much later than its scheduled instant (period end plus grace) a period may be settled and still be issued as
    /// scheduled: a day, far more than the settlement schedule's interval (hourly in Azure, every 5 minutes by default)
    /// plus its retries. Settled later (hosts down past the period's end, a customer created with a past start), the
    /// invoice is issued at the real instant and due from it, so no ladder step is already past when it is issued.
    /// </summary>
    public static readonly TimeSpan LateIssueTolerance = TimeSpan.FromDays(1);

    /// <summary>
    /// Settles what is due for the customer at <paramref name="now"/>, delivers and collects; returns the invoices issued by
    /// this call and every invoice of the customer with its refreshed standing.
    /// </summary>
    public async Task<SettlementRun> RunAsync(string customerId, DateTimeOffset now, CancellationToken ct)
    {
        using var activity = Hosting.BillingTelemetry.Source.StartActivity("settlement.customer");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var run = await SettleAndDeliverAsync(customerId, now, ct);
            activity?.SetTag("billing.invoices.issued", run.Issued.Count);
            return run;
        }
        finally
        {
            Hosting.BillingTelemetry.SettlementDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<SettlementRun> SettleAndDeliverAsync(string customerId, DateTimeOffset now, CancellationToken ct)
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
        var (accountPayments, followUps) = await PaymentsWithFollowUpsAsync(family, ct);
        var plans = await paymentPlans.ForCustomerAsync(head.Id, ct);
        var stored = (await invoices.ForCustomerAsync(head.Id, ct)).ToDictionary(i => i.Key, StringComparer.Ordinal);
        var issued = new List<StoredInvoice>();

        // The customer documents as they stand for this run: every period it settles, and its collections, are priced by them.
        var records = await directory.CurrentRecordsAsync(family, ct);
        var period = history.Count == 0 ? calendar.PeriodContaining(head.StartsAt, plan.Period) : calendar.Next(calendar.TryParse(history[^1].Period, plan.Period)!);
        while (period.End + grace <= now)
        {
            // The period is priced under the documents in force now, recorded with its snapshot (a rerun reads them back).
            var due = period.End + grace;
            await settledPeriods.MarkSettledAsync(head.Id, period.Name, due, ct);
            var inForce = await directory.DocumentsInForceAsync(family, period.Start, ct, records);
            var read = await usage.ReadSnapshotAsync(family, catalog, inForce, period, due, history, ct);
            // Issued late (hosts down past the period's end, a backdated customer): dated from now, recorded write-once.
            var issuedLate = now - due > LateIssueTolerance ? now : (DateTimeOffset?)null;
            var snapshot = await snapshots.KeepAsync(read with { Documents = inForce.ToRecorded(), IssuedAt = issuedLate }, ct);
            history.Add(snapshot);
            var replays = await ReplaysAsync(inForce, history, stored.Values.ToList(), accountPayments, [], due, grace, plans, ct);
            issued.AddRange(await IssueNewAsync(head.Id, replays.OutcomeUnder(replays.Governing(period.Name)), calendar, stored, ct));
            LogSettled(head.Id, period.Name);
            period = calendar.Next(period);
        }

        // Pack purchases are invoiced at once, and what is due now is collected: replay up to now (not into an unsettled
        // period's settlement) with the open period's usage read live when credit checks or pack alerts depend on it.
        var until = now < period.End + grace ? now : period.End + grace - TimeSpan.FromTicks(1);
        var open = await directory.DocumentsInForceAsync(family, period.Start, ct, records);
        var openUsage = open.Head.CreditLimit is not null || open.Family.Any(c => c.Packs.Count > 0) ? await usage.ReadOpenAsync(open, period, until, ct) : [];
        var current = await ReplaysAsync(open, history, stored.Values.ToList(), accountPayments, openUsage, until, grace, plans, ct);
        issued.AddRange(await IssueNewAsync(head.Id, current.OpenOutcome, calendar, stored, ct));
        var standings = await TellDunningOfPaidAsync(await standing.RefreshAsync(head.Id, stored.Values.ToList(), accountPayments, now, ct), ct);
        await DeliverPendingAsync(current, standings, ct);
        await paymentFollowUps.TakeOverAsync(family, followUps, standings, catalog.Catalog.Currency.Code, now, ct);
        await collections.ExecuteDueAsync(current.Timeline(), now, ct);
        return new SettlementRun(issued, standings) { Dunning = FirstDunningInstants(standings, current, plans) };
    }

    /// <summary>
    /// Tells the dunning instance of each usage invoice that became paid (<see cref="StoredInvoice.PaidNoticePending"/>, set
    /// in the write that made it paid) through the <c>workflow-events</c> queue, then clears the mark: an instance may wait
    /// for a ladder step or, its ladder run (or the catalog's ladder empty), for the payment itself. Once per invoice, not
    /// once per payment for every invoice ever paid; a crash between the event and the clearing sends it again on the
    /// customer's next settlement, and an instance that has finished drops it. Returns the invoices with the marks cleared.
    /// </summary>
    private async Task<IReadOnlyList<StoredInvoice>> TellDunningOfPaidAsync(IReadOnlyList<StoredInvoice> standings, CancellationToken ct)
    {
        var told = new List<StoredInvoice>(standings.Count);
        foreach (var invoice in standings)
        {
            if (invoice is not { PaidNoticePending: true, Status: "paid", Period: { } period })
            {
                told.Add(invoice);
                continue;
            }

            await crashes.PassAsync("paid-notice", ct);
            var instance = Collections.Dunning.InvoiceDunning.InstanceId(invoice.Customer, period);
            await workflowEvents.SendAsync(new Workflows.WorkflowEventMessage(Collections.Dunning.InvoiceDunning.Name, instance, Collections.Dunning.InvoiceDunning.PaidEvent, "{}"), ct);
            await invoices.ClearPaidNoticeAsync(invoice.Customer, invoice.Key, ct);
            told.Add(invoice with { PaidNoticePending = false });
        }

        return told;
    }

    /// <summary>
    /// The next dunning instant of each unpaid usage invoice, by period, under the ladder of the documents that govern the
    /// period and its payment plans: what <see cref="Collections.Dunning.DunningActivities.NextInstantAsync"/> answers
    /// before any instant is handled.
    /// </summary>
    private Dictionary<string, Collections.Dunning.DunningInstant> FirstDunningInstants(IReadOnlyList<StoredInvoice> standings, AccountReplays replays, IReadOnlyList<PaymentPlan> plans) =>
        standings
            .Where(i => i is { Kind: "usage", Period: not null } && i.Status != "paid")
            .Select(i => i.Period!)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(
                period => period,
                period => Collections.Dunning.DunningSchedule.Next(
                    [.. standings.Where(i => i.Kind == "usage" && i.Period == period)],
                    AccountReplays.LadderOf(replays.Governing(period), ladders),
                    plans.Where(p => p.Period == period),
                    null),
                StringComparer.Ordinal);

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

    /// <summary>
    /// The account as the engine sees it now under the open periods' documents: settled usage from snapshots, stored
    /// invoices as issued, plus the open periods read live (for previews).
    /// </summary>
    public async Task<(SimulationOutcome Outcome, BillingPeriod OpenPeriod)?> PreviewAsync(string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var replays = await ReplayNowAsync(customerId, now, ct);
        return replays is null ? null : (replays.OpenOutcome, replays.Open.Catalog.Calendar.PeriodContaining(now, replays.Open.Catalog.Catalog.Plans[replays.Open.Head.PlanCode].Period));
    }

    /// <summary>
    /// Carries out the collection and alert actions due at <paramref name="now"/> (credit limit, pack alerts, dunning) from
    /// the account replayed with its open periods read live, without settling; false when the customer is not invoiced.
    /// </summary>
    public async Task<bool> CollectAsync(string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var replays = await ReplayNowAsync(customerId, now, ct);
        if (replays is null)
        {
            return false;
        }

        await collections.ExecuteDueAsync(replays.Timeline(), now, ct);
        return true;
    }

    private async Task<AccountReplays?> ReplayNowAsync(string customerId, DateTimeOffset now, CancellationToken ct)
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
        var openPeriod = history.Count == 0 ? catalog.Calendar.PeriodContaining(head.StartsAt, plan.Period) : catalog.Calendar.Next(catalog.Calendar.TryParse(history[^1].Period, plan.Period)!);
        var open = await directory.DocumentsInForceAsync(family, openPeriod.Start, ct);
        var openUsage = await usage.ReadOpenAsync(open, openPeriod, now, ct);
        var grace = TimeSpan.FromHours((double)options.Value.LateArrivalGraceHours);
        var stored = await invoices.ForCustomerAsync(head.Id, ct);
        return await ReplaysAsync(open, history, stored, await PaymentsAsync(family, ct), openUsage, now, grace, await paymentPlans.ForCustomerAsync(head.Id, ct), ct);
    }

    /// <summary>The account's replays: each settled period under the documents its snapshot recorded, the rest under <paramref name="open"/>.</summary>
    private async Task<AccountReplays> ReplaysAsync(
        AccountDocuments open,
        IReadOnlyList<SettlementSnapshot> history,
        IReadOnlyList<StoredInvoice> stored,
        IReadOnlyList<Payment> accountPayments,
        IReadOnlyList<UsageBucket> openUsage,
        DateTimeOffset until,
        TimeSpan grace,
        IReadOnlyList<PaymentPlan> plans,
        CancellationToken ct)
    {
        var documents = new Dictionary<string, AccountDocuments>(StringComparer.Ordinal);
        var parsed = new Dictionary<string, AccountDocuments?>(StringComparer.Ordinal);
        foreach (var snapshot in history.Where(s => s.Documents is not null))
        {
            var key = string.Join('\n', snapshot.Documents!.Customers.Select(c => c.Id + "\n" + c.CreatedAt.UtcTicks + "\n" + c.Document).Prepend(snapshot.Documents.CatalogVersion.ToString(CultureInfo.InvariantCulture)));
            if (!parsed.TryGetValue(key, out var recorded))
            {
                recorded = await directory.DocumentsAsync(snapshot.Documents, ct);
                parsed[key] = recorded;
            }

            if (recorded is not null)
            {
                documents[snapshot.Period] = recorded;
            }
        }

        var settled = history.ToList();
        var settledPlans = SettledPlans(documents);
        return new AccountReplays(open, settled, documents, stored, (under, asStored) =>
            AccountReplay.Run(under.Catalog.Catalog, under.Family, accountPayments, settled, openUsage, until, grace, Ladders, plans, asStored, settledPlans));
    }

    /// <summary>The plan of each customer of each settled period, by customer id and period name, from the documents its snapshot recorded.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, Domain.Catalog.Plan>> SettledPlans(IReadOnlyDictionary<string, AccountDocuments> documents) =>
        documents
            .SelectMany(d => d.Value.Family.Select(c => (c.Id, Period: d.Key, Plan: d.Value.Catalog.Catalog.Plans.GetValueOrDefault(c.PlanCode))))
            .Where(p => p.Plan is not null)
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, Domain.Catalog.Plan>)g.ToDictionary(p => p.Period, p => p.Plan!, StringComparer.Ordinal), StringComparer.Ordinal);

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
            Hosting.BillingTelemetry.InvoicesIssued.Add(1, Hosting.BillingTelemetry.Tag("kind", invoice.Kind));
        }

        return issued;
    }

    /// <summary>
    /// Renders, stores and emails every issued invoice not delivered yet (after a crash too), as the replay under its
    /// period's documents issues it, to the customer those documents name.
    /// </summary>
    private async Task DeliverPendingAsync(AccountReplays replays, IReadOnlyList<StoredInvoice> invoicesOfHead, CancellationToken ct)
    {
        foreach (var stored in invoicesOfHead.Where(i => !i.Delivered))
        {
            // Emitted until the invoice is delivered: an issue cut short by a crash still announces it, with one event id.
            await events.EmitAsync(Events.IntegrationEvent.InvoiceIssued(stored), ct);
            if (replays.ReceivableOf(stored) is { } found)
            {
                await delivery.DeliverAsync(stored, found.Receivable, found.Documents, ct);
            }
        }
    }

    private async Task<List<Payment>> PaymentsAsync(IReadOnlyList<Customer> family, CancellationToken ct) =>
        (await PaymentsWithFollowUpsAsync(family, ct)).Payments;

    /// <summary>The payments of the account's members, and those whose follow-up is pending (one query per member).</summary>
    private async Task<(List<Payment> Payments, List<PendingFollowUp> FollowUps)> PaymentsWithFollowUpsAsync(IReadOnlyList<Customer> family, CancellationToken ct)
    {
        var all = new List<Payment>();
        var pending = new List<PendingFollowUp>();
        foreach (var member in family)
        {
            var read = await payments.WithFollowUpsAsync(member.Id, ct);
            all.AddRange(read.Payments);
            pending.AddRange(read.FollowUps);
        }

        return (all, pending);
    }

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
