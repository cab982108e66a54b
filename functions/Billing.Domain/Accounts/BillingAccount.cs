using System.Globalization;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Metering;
using Billing.Domain.Packs;
using Billing.Domain.Payments;
using Billing.Domain.Periods;
using Billing.Domain.Rating;

namespace Billing.Domain.Accounts;

/// <summary>
/// An invoiced customer: its own usage with that of its pooled children, the separate children whose
/// lines join its invoices, its invoices, payments and credit balance. Periods are settled in order from
/// the one containing the customer's start. Time is always passed in; nothing here reads a clock.
/// </summary>
public sealed class BillingAccount
{
    private readonly ProductCatalog catalog;
    private readonly BillingCalendar calendar;
    private readonly RatingSubject main;
    private readonly Dictionary<string, RatingSubject> subjectsByCustomer = new(StringComparer.Ordinal);
    private readonly List<RatingSubject> separateChildren = [];
    private readonly PaymentLedger ledger = new();
    private BillingPeriod cachedPeriod;
    private string? lastCustomerId;
    private RatingSubject? lastSubject;
    private int settledPeriods;

    public BillingAccount(Customer customer, IReadOnlyList<Customer> children, ProductCatalog catalog, bool keepDetails)
    {
        Customer = customer;
        this.catalog = catalog;
        calendar = new BillingCalendar(catalog.TimeZone);
        Plan = catalog.Plans[customer.PlanCode];
        cachedPeriod = calendar.PeriodContaining(customer.StartsAt, Plan.Period);
        NextToSettle = cachedPeriod;

        var pooled = children.Where(c => c.ChildBilling == ChildBilling.Pooled).ToList();
        var mainPacks = customer.Packs.Concat(pooled.SelectMany(c => c.Packs)).ToList();
        main = new RatingSubject(customer.Id, null, Plan, customer.StartsAt, mainPacks, catalog, calendar, PeriodOf, keepDetails);
        subjectsByCustomer[customer.Id] = main;
        foreach (var child in pooled)
        {
            subjectsByCustomer[child.Id] = main;
        }

        foreach (var child in children.Where(c => c.ChildBilling == ChildBilling.Separate))
        {
            var subject = new RatingSubject(child.Id, child.Id + "/", catalog.Plans[child.PlanCode], child.StartsAt, child.Packs, catalog, calendar, PeriodOf, keepDetails);
            subjectsByCustomer[child.Id] = subject;
            separateChildren.Add(subject);
        }
    }

    public Customer Customer { get; }

    public Plan Plan { get; }

    /// <summary>
    /// The plan each settled period was priced with, by customer id (the invoiced customer and its separate children) and
    /// period name; late usage of such a period is priced by it (<see cref="RatingSubject.SettledPlans"/>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Plan>> SettledPlans
    {
        init
        {
            foreach (var subject in separateChildren.Prepend(main))
            {
                subject.SettledPlans = value.GetValueOrDefault(subject.CustomerId);
            }
        }
    }

    /// <summary>
    /// Invoices issued already, by key: when this account issues an invoice with one of these keys (settling a period,
    /// invoicing a pack), it takes the issued one instead of its own, so payments, credit and dunning follow the invoice
    /// as it was issued, whatever documents price this run. Usage, packs and quota are consumed as this run rates them.
    /// </summary>
    public IReadOnlyDictionary<string, Invoice> IssuedBefore { get; init; } = new Dictionary<string, Invoice>(StringComparer.Ordinal);

    /// <summary>
    /// The real instants at which usage invoices were issued late, by invoice key: a period settled at its scheduled
    /// instant (now, in <see cref="Settle"/>) whose invoice was issued later is dated from this instant instead, its due
    /// date counted from it. Empty for a scenario file (everything is issued on schedule).
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> IssuedLateAt { get; init; } = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>The first period not settled yet.</summary>
    public BillingPeriod NextToSettle { get; private set; }

    /// <summary>Overpayments not yet applied to an invoice.</summary>
    public decimal CreditBalance => ledger.CreditBalance;

    public IReadOnlyList<Receivable> Receivables => ledger.Receivables;

    /// <summary>The invoiced customer and every pooled or separate child, each with the subject it is rated in.</summary>
    public IReadOnlyDictionary<string, RatingSubject> Subjects => subjectsByCustomer;

    /// <summary>The billing period (of this account's plan) that contains the instant.</summary>
    public BillingPeriod PeriodOf(DateTimeOffset instant)
    {
        var period = cachedPeriod;
        if (period.Contains(instant))
        {
            return period;
        }

        period = calendar.PeriodContaining(instant, Plan.Period);
        cachedPeriod = period;
        return period;
    }

    /// <summary>The period of this account's plan with this name (<c>2026-01</c>, <c>2026-Q1</c>), or null.</summary>
    public BillingPeriod? PeriodNamed(string name) => calendar.TryParse(name, Plan.Period);

    /// <summary>
    /// Meters a validated event of this account's customer or one of its children. An event whose period
    /// is already settled is late: it waits, undeducted, for the next invoice. Low-pack crossings are appended.
    /// </summary>
    public void ReceiveUsage(UsageEvent usage, List<PackLowCrossing>? crossings)
    {
        var subject = SubjectOf(usage.Customer);
        var period = PeriodOf(usage.At);
        if (period.Start < NextToSettle.Start)
        {
            subject.ReceiveLate(usage, period);
        }
        else
        {
            subject.Receive(usage, period, crossings);
        }
    }

    /// <summary>
    /// Settles <see cref="NextToSettle"/> into a usage invoice issued now: every charge of the customer and
    /// its separate children, late lines of earlier periods, coupons of this period, tax, and the credit
    /// balance applied as a payment.
    /// </summary>
    public Receivable Settle(DateTimeOffset now)
    {
        var period = NextToSettle;
        var lines = new List<InvoiceLine>();
        foreach (var subject in separateChildren.Prepend(main))
        {
            lines.AddRange(subject.Settle(period));
            lines.AddRange(subject.TakeLateLines());
        }

        var coupons = Customer.Coupons.Where(c => c.Covers(settledPeriods)).ToList();
        var totals = InvoiceTotals.Compute(lines, coupons, Customer.TaxRate, catalog.Currency);
        var key = "usage/" + period.Name;
        var issuedAt = IssuedLateAt.TryGetValue(key, out var late) && late > now ? late : now;
        var invoice = new Invoice(
            Customer.Id,
            InvoiceKind.Usage,
            period.Name,
            issuedAt,
            issuedAt.AddDays(Plan.PaymentTermsDays),
            catalog.Currency,
            lines,
            totals,
            coupons.Select(c => c.Code).ToList()) { Key = key };

        settledPeriods++;
        NextToSettle = calendar.Next(period);
        return Issue(invoice);
    }

    /// <summary>The instant <see cref="NextToSettle"/> is due for settlement: its end plus the grace.</summary>
    public DateTimeOffset SettlementDue(TimeSpan grace) => NextToSettle.End + grace;

    /// <summary>
    /// Invoices a pack purchase at once: one line (the pack's code, prefixed <c>child/</c> for a separate
    /// child's pack), taxed at this customer's rate, no coupon, due after the plan's payment terms.
    /// </summary>
    public Receivable PurchasePack(PrepaidPack pack)
    {
        var isSeparateChild = subjectsByCustomer.TryGetValue(pack.Owner, out var subject) && subject.LinePrefix is not null;
        var code = isSeparateChild ? subject!.LinePrefix + pack.Code : pack.Code;
        var lines = new[] { new InvoiceLine(code, 1m, catalog.Currency.Round(pack.Price)) };
        var totals = InvoiceTotals.Compute(lines, [], Customer.TaxRate, catalog.Currency);
        var invoice = new Invoice(
            Customer.Id,
            InvoiceKind.Prepaid,
            null,
            pack.PurchasedAt,
            pack.PurchasedAt.AddDays(Plan.PaymentTermsDays),
            catalog.Currency,
            lines,
            totals,
            []) { Key = string.Create(CultureInfo.InvariantCulture, $"prepaid/{pack.Owner}/{pack.Code}") };
        return Issue(invoice);
    }

    /// <summary>
    /// Applies a payment. With a period: to that period's usage invoice, the whole amount becoming credit
    /// when it is not issued or already paid. Without: the oldest open invoices first. A surplus becomes credit.
    /// </summary>
    public PaymentOutcome ApplyPayment(decimal amount, string? period) => ledger.Apply(amount, period);

    /// <summary>Open invoice balances plus every unsettled period priced so far, before tax and discount.</summary>
    public decimal Exposure(DateTimeOffset now)
    {
        var exposure = ledger.Receivables.Sum(r => r.Balance);
        for (var period = NextToSettle; period.Start <= now; period = calendar.Next(period))
        {
            foreach (var subject in separateChildren.Prepend(main))
            {
                exposure += subject.PriceSoFar(period).Sum(line => line.Amount);
            }
        }

        return exposure - CreditBalance;
    }

    /// <summary>The charges of the period so far, for previews (nothing is settled).</summary>
    public IReadOnlyList<InvoiceLine> PreviewLines(BillingPeriod period) =>
        separateChildren.Prepend(main).SelectMany(s => s.PriceSoFar(period)).ToList();

    /// <summary>Every pack rated in this account, with the ledger that holds its balance.</summary>
    public IEnumerable<(PrepaidPack Pack, PackLedger Ledger)> PackLedgers() =>
        separateChildren.Prepend(main).SelectMany(subject => subject.Packs.Select(pack => (pack, subject.LedgerFor(pack.Meter))));

    /// <summary>The subject a customer's usage is rated in; the last one is remembered (consecutive events tend to share the id string).</summary>
    private RatingSubject SubjectOf(string customerId)
    {
        if (ReferenceEquals(customerId, lastCustomerId))
        {
            return lastSubject!;
        }

        var subject = subjectsByCustomer[customerId];
        (lastCustomerId, lastSubject) = (customerId, subject);
        return subject;
    }

    private Receivable Issue(Invoice invoice) => ledger.Issue(IssuedBefore.GetValueOrDefault(invoice.Key) ?? invoice);
}
