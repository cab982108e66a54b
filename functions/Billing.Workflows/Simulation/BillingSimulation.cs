using Billing.Domain.Accounts;
using Billing.Domain.Metering;
using Billing.Domain.Ordering;
using Billing.Domain.Packs;
using Billing.Domain.Payments;
using Billing.Workflows.CreditLimits;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Plays customers, usage and payments on a simulated clock through the billing engine: pack purchases,
/// settlement at each period's end plus the grace, usage metering with dedup, credit checks, payments,
/// dunning steps and pack alerts, all in time order (same-instant order per <see cref="Happening"/>; dunning timers
/// fire after the happenings of rank 5 and before those of rank 6). Each unpaid usage invoice's dunning is the pure
/// <see cref="Dunning.DunningWorkflow"/>, its timers kept in memory (<see cref="SimulationLadders"/>).
/// Deterministic: the same input gives the same outcome, whatever the order of events with distinct times.
/// </summary>
public sealed class BillingSimulation
{
    private readonly SimulationInput input;
    private readonly Dictionary<string, BillingAccount> accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BillingAccount> accountOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountCollections> collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageRoute> routes = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Happening, Happening> agenda = new(HappeningOrder.Instance);
    private readonly SeenEventIds seenEvents = new();
    private readonly Dictionary<string, RejectedEvent> rejected = new(StringComparer.Ordinal);
    private readonly HashSet<(string Owner, string Pack, int Allocation)> lowAlerts = [];
    private readonly List<TimelineEntry> timeline = [];
    private readonly SimulationLadders ladders;
    private readonly List<PackLowCrossing> crossings = [];
    private long order;
    private long metered;

    public BillingSimulation(SimulationInput input)
    {
        this.input = input;
        ladders = new SimulationLadders(timeline);
        var customers = input.Customers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var issued = input.IssuedInvoices.ToLookup(i => i.Customer, StringComparer.Ordinal);
        foreach (var customer in input.Customers.Where(c => !c.BillsThroughParent))
        {
            var children = input.Customers.Where(c => c.ParentId == customer.Id && c.BillsThroughParent).ToList();
            var account = new BillingAccount(customer, children, input.Catalog, input.KeepDetails) { IssuedBefore = issued[customer.Id].ToDictionary(i => i.Key, StringComparer.Ordinal), IssuedLateAt = input.IssuedLateAt.GetValueOrDefault(customer.Id) ?? new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal), SettledPlans = input.SettledPlans };
            accounts[customer.Id] = account;
            collections[customer.Id] = new AccountCollections(account, LadderFor(customer), ladders);
            accountOf[customer.Id] = account;
            foreach (var child in children)
            {
                accountOf[child.Id] = account;
            }
        }

        foreach (var customer in customers.Values)
        {
            var account = accountOf.GetValueOrDefault(customer.Id);
            routes[customer.Id] = new UsageRoute(customer, account, account is null ? null : collections[account.Customer.Id]);
        }
    }

    /// <summary>The dunning policy of an invoiced customer: the ladder of its risk level, else the catalog's.</summary>
    private Domain.Dunning.DunningPolicy LadderFor(Customer customer) =>
        customer.RiskLevel is { } level && input.DunningLadders.TryGetValue(level, out var ladder) ? ladder : input.Catalog.Dunning;

    /// <summary>Runs the whole window and returns the outcome.</summary>
    public SimulationOutcome Run()
    {
        ScheduleStart();
        using var events = input.EventsInArrivalOrder.GetEnumerator();
        var nextEvent = events.MoveNext() ? events.Current : null;
        var timerAt = ladders.NextTimer;
        while (true)
        {
            var hasHappening = agenda.TryPeek(out var happening, out _);
            var timerFirst = timerAt is { } timer
                && (!hasHappening || timer < happening!.At || (timer == happening.At && happening.Rank > HappeningOrder.TimerRank));
            var eventFirst = nextEvent is not null
                && (timerFirst ? nextEvent.ReceivedAt <= timerAt : !hasHappening || nextEvent.ReceivedAt < happening!.At
                    || (nextEvent.ReceivedAt == happening.At && HappeningOrder.UsageRank < happening.Rank));
            if (eventFirst)
            {
                if (nextEvent!.ReceivedAt >= input.End)
                {
                    nextEvent = null;
                    continue;
                }

                Receive(nextEvent);
                nextEvent = events.MoveNext() ? events.Current : null;
                continue;
            }

            if (timerFirst)
            {
                if (timerAt >= input.End)
                {
                    break;
                }

                ladders.FireTimers(timerAt!.Value);
                timerAt = ladders.NextTimer;
                continue;
            }

            if (!hasHappening || happening!.At >= input.End)
            {
                break;
            }

            agenda.Dequeue();
            Handle(happening);
            timerAt = ladders.NextTimer;
        }

        return Outcome();
    }

    private void ScheduleStart()
    {
        foreach (var account in accounts.Values)
        {
            Schedule(new SettlementDue(account.SettlementDue(input.LateArrivalGrace), account.Customer.Id, order++));
        }

        foreach (var customer in input.Customers)
        {
            foreach (var pack in customer.Packs)
            {
                var billed = accountOf[customer.Id].Customer.Id;
                Schedule(new PackPurchaseDue(pack.PurchasedAt, billed, order++, pack));
                Schedule(new PackExpiringDue(pack.ValidTo - TimeSpan.FromDays(7), customer.Id, order++, pack));
            }
        }

        foreach (var payment in input.Payments)
        {
            Schedule(new PaymentDue(payment.At, accountOf[payment.Customer].Customer.Id, order++, payment));
        }

        foreach (var plan in input.PaymentPlans)
        {
            var invoiced = accountOf[plan.Customer].Customer.Id;
            Schedule(new PaymentPlanAgreed(plan.CreatedAt, invoiced, order++, plan));
            for (var i = 0; i < plan.Installments.Count; i++)
            {
                Schedule(new InstallmentFallsDue(plan.Installments[i].DueAt, invoiced, order++, plan, i));
            }
        }
    }

    private void Schedule(Happening happening) => agenda.Enqueue(happening, happening);

    private void Handle(Happening happening)
    {
        switch (happening)
        {
            case PackPurchaseDue purchase:
                accounts[purchase.Customer].PurchasePack(purchase.Pack);
                break;
            case SettlementDue settlement:
                Settle(accounts[settlement.Customer], settlement.At);
                break;
            case PaymentDue payment:
                Pay(payment.Payment, payment.At);
                break;
            case PaymentPlanAgreed agreed:
                if (PlannedInvoice(agreed.Plan) is { } planned)
                {
                    collections[agreed.Customer].PlanAgreed(planned, agreed.Plan, agreed.At);
                }

                break;
            case InstallmentFallsDue installment:
                if (PlannedInvoice(installment.Plan) is { } unpaid)
                {
                    collections[installment.Customer].InstallmentDue(unpaid, installment.Installment, installment.At);
                }

                break;
            case PackExpiringDue expiring:
                AlertIfExpiring(expiring);
                break;
        }
    }

    private void Receive(RawUsageEvent raw)
    {
        var digests = seenEvents.Digest(raw.Id, raw.Fingerprint);

        // Validation has no side effects and its result is used only for a new id; it runs before the dedup
        // probe so that it overlaps the probe's memory access. (An event without customer or meter is
        // validated after the probe, as that validation would throw.)
        var early = raw.Customer is not null && raw.Meter is not null;
        var route = early ? routes.GetValueOrDefault(raw.Customer!) : null;
        var (usage, reason) = early ? UsageValidation.Validate(raw, route?.Customer, input.Catalog, input.Start, input.End) : default;
        var sighting = seenEvents.See(digests);
        if (sighting != SeenEventIds.Sighting.New)
        {
            if (sighting == SeenEventIds.Sighting.ChangedRepeat)
            {
                rejected.TryAdd(raw.Id, new RejectedEvent(raw.Id, "duplicate id with different content"));
            }

            return;
        }

        if (!early)
        {
            route = routes.GetValueOrDefault(raw.Customer!);
            (usage, reason) = UsageValidation.Validate(raw, route?.Customer, input.Catalog, input.Start, input.End);
        }

        if (usage is null)
        {
            rejected.TryAdd(raw.Id, new RejectedEvent(raw.Id, reason!));
            return;
        }

        // A validated event's customer is known (route set); a customer without an account fails as before.
        var account = route!.Account ?? accountOf[usage.Customer];
        crossings.Clear();
        account.ReceiveUsage(usage, crossings);
        metered++;
        foreach (var crossing in crossings)
        {
            if (lowAlerts.Add((crossing.Owner, crossing.PackCode, crossing.AllocationIndex)))
            {
                timeline.Add(new TimelineEntry(crossing.Owner, raw.ReceivedAt, TimelineAction.PackLow, null, crossing.PackCode, "usable balance below 10 % of the allocation") { Cause = TimelineCause.Alert });
            }
        }

        if (route.HasCreditLimit)
        {
            timeline.AddRange(route.Collections!.CheckCredit(raw.ReceivedAt, CreditCheckTrigger.Usage));
        }
    }

    /// <summary>
    /// Where a customer's usage goes: its account (its own, or its parent's for a pooled or separate child)
    /// and that account's collections, looked up once per customer rather than once per event.
    /// </summary>
    private sealed record UsageRoute(Customer Customer, BillingAccount? Account, AccountCollections? Collections)
    {
        /// <summary>True when the invoiced customer has a credit limit (without one a check records nothing).</summary>
        public bool HasCreditLimit => Account?.Customer.CreditLimit is not null;
    }

    private void Settle(BillingAccount account, DateTimeOffset now)
    {
        var receivable = account.Settle(now);
        collections[account.Customer.Id].InvoiceIssued(receivable);
        Schedule(new SettlementDue(account.SettlementDue(input.LateArrivalGrace), account.Customer.Id, order++));
    }

    /// <summary>The usage invoice a payment plan is for, once issued.</summary>
    private Receivable? PlannedInvoice(PaymentPlan plan) =>
        accounts[accountOf[plan.Customer].Customer.Id].Receivables
            .FirstOrDefault(r => r.Invoice.Kind == Domain.Invoicing.InvoiceKind.Usage && r.Invoice.Period == plan.Period);

    private void Pay(Payment payment, DateTimeOffset now)
    {
        var account = accountOf[payment.Customer];
        var outcome = account.ApplyPayment(payment.Amount, payment.Period);
        var desk = collections[account.Customer.Id];
        timeline.AddRange(desk.InvoicesPaid(outcome.Settled, now).ToList());
        timeline.AddRange(desk.CheckCredit(now, CreditCheckTrigger.Payment));
    }

    private void AlertIfExpiring(PackExpiringDue expiring)
    {
        var pack = expiring.Pack;
        var ledger = PackLedgerOf(pack);
        if (ledger.UsableAt(pack.Owner, pack.Code, expiring.At) > 0m)
        {
            timeline.Add(new TimelineEntry(pack.Owner, expiring.At, TimelineAction.PackExpiring, null, pack.Code, "expires in 7 days with a usable balance") { Cause = TimelineCause.Alert });
        }
    }

    private PackLedger PackLedgerOf(PrepaidPack pack) =>
        accountOf[pack.Owner].Subjects[pack.Owner].LedgerFor(pack.Meter);

    private SimulationOutcome Outcome()
    {
        var invoices = accounts.Values.SelectMany(a => a.Receivables)
            .OrderBy(r => r.Invoice.IssuedAt)
            .ThenBy(r => r.Invoice.Customer, CodePointOrder.Instance)
            .ToList();
        var packs = input.Customers
            .SelectMany(c => c.Packs)
            .Select(p => new PackRemaining(p.Owner, p.Code, PackLedgerOf(p).UsableAt(p.Owner, p.Code, input.End)))
            .ToList();
        var credit = accounts.Values.Where(a => a.CreditBalance != 0m)
            .ToDictionary(a => a.Customer.Id, a => a.CreditBalance, StringComparer.Ordinal);
        var ordered = timeline
            .Select((entry, index) => (entry, index))
            .OrderBy(x => x.entry.At)
            .ThenBy(x => x.entry.Customer, CodePointOrder.Instance)
            .ThenBy(x => x.index)
            .Select(x => x.entry)
            .ToList();
        return new SimulationOutcome(invoices, packs, credit, ordered, rejected.Values.ToList(), accounts, metered) { Ladders = ladders.Runs };
    }
}
