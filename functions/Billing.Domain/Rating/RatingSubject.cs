using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Metering;
using Billing.Domain.Ordering;
using Billing.Domain.Packs;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Quotas;

namespace Billing.Domain.Rating;

/// <summary>
/// What is rated on one plan within an invoice: a customer together with its pooled children, or a
/// separate child (whose line codes are prefixed <c>child/</c>). Periods are those of the invoiced
/// customer. Charges start with the period containing <see cref="SubscriptionStart"/>.
/// </summary>
public sealed class RatingSubject
{
    private readonly ProductCatalog catalog;
    private readonly BillingCalendar calendar;
    private readonly Func<DateTimeOffset, BillingPeriod> periodOf;
    private readonly IReadOnlyList<PrepaidPack> packs;
    private readonly bool keepDetails;
    private readonly Dictionary<string, MeterUsage> meters = new(StringComparer.Ordinal);
    private readonly (string? Code, MeterUsage? Usage)[] recentMeters = new (string?, MeterUsage?)[4];
    private int nextRecent;

    public RatingSubject(
        string customerId,
        string? linePrefix,
        Plan plan,
        DateTimeOffset subscriptionStart,
        IReadOnlyList<PrepaidPack> packs,
        ProductCatalog catalog,
        BillingCalendar calendar,
        Func<DateTimeOffset, BillingPeriod> periodOf,
        bool keepDetails)
    {
        CustomerId = customerId;
        LinePrefix = linePrefix;
        Plan = plan;
        SubscriptionStart = subscriptionStart;
        this.packs = packs;
        this.catalog = catalog;
        this.calendar = calendar;
        this.periodOf = periodOf;
        this.keepDetails = keepDetails;
    }

    public string CustomerId { get; }

    /// <summary><c>child/</c> for a separate child, null for the invoiced customer itself.</summary>
    public string? LinePrefix { get; }

    public Plan Plan { get; }

    /// <summary>
    /// The plan each settled period was priced with, by period name, where it differs from <see cref="Plan"/> or may (a
    /// service keeps catalog versions; the scenario runner has one catalog and leaves this null): a period's late-usage
    /// lines are priced with that period's charges, as the period itself was.
    /// </summary>
    public IReadOnlyDictionary<string, Plan>? SettledPlans { get; set; }

    public DateTimeOffset SubscriptionStart { get; }

    public IReadOnlyList<PrepaidPack> Packs => packs;

    public IEnumerable<MeterUsage> Meters => meters.Values;

    /// <summary>Applies an event received before its period was settled; low-pack crossings are appended.</summary>
    public void Receive(UsageEvent usage, BillingPeriod period, List<PackLowCrossing>? crossings) =>
        MeterFor(usage.Meter).Receive(usage, period, crossings);

    /// <summary>Keeps an event of an already settled period for the next invoice's late lines.</summary>
    public void ReceiveLate(UsageEvent usage, BillingPeriod period) => MeterFor(usage.Meter).ReceiveLate(usage, period);

    /// <summary>True when the subscription has started by the end of the period.</summary>
    public bool IsActiveIn(BillingPeriod period) => SubscriptionStart < period.End;

    /// <summary>Settles the period: one line per charge of the plan (lines of amount 0 included).</summary>
    public IReadOnlyList<InvoiceLine> Settle(BillingPeriod period)
    {
        var totals = new Dictionary<string, PeriodMeterTotals>(StringComparer.Ordinal);
        foreach (var usage in meters.Values)
        {
            totals[usage.Meter.Code] = usage.Settle(period);
        }

        return IsActiveIn(period) ? Lines(period, code => totals.GetValueOrDefault(code)) : [];
    }

    /// <summary>The period priced as if it ended now, from the events received so far (nothing is settled).</summary>
    public IReadOnlyList<InvoiceLine> PriceSoFar(BillingPeriod period) =>
        IsActiveIn(period) ? Lines(period, code => meters.GetValueOrDefault(code)?.OpenTotals(period.Start)) : [];

    /// <summary>The late-usage delta lines waiting for the next invoice, each priced by its period's charges (<see cref="SettledPlans"/>); marks that usage billed.</summary>
    public IReadOnlyList<InvoiceLine> TakeLateLines()
    {
        var lines = new List<InvoiceLine>();
        foreach (var usage in meters.Values.Where(m => m.HasLate).OrderBy(m => m.Meter.Code, CodePointOrder.Instance))
        {
            foreach (var late in usage.TakeLate())
            {
                var plan = SettledPlans?.GetValueOrDefault(late.Period.Name) ?? Plan;
                foreach (var charge in plan.Charges.Where(c => c.Meter == usage.Meter.Code))
                {
                    lines.Add(ChargeRating.Late(LinePrefix + charge.Code, charge, late, catalog.Currency));
                }
            }
        }

        return lines;
    }

    private IReadOnlyList<InvoiceLine> Lines(BillingPeriod period, Func<string, PeriodMeterTotals?> totalsOf)
    {
        var lines = new List<InvoiceLine>(Plan.Charges.Count);
        foreach (var charge in Plan.Charges)
        {
            var code = LinePrefix + charge.Code;
            if (charge.Price is FlatFee fee)
            {
                lines.Add(ChargeRating.Flat(code, fee, Proration.For(period, SubscriptionStart, calendar), catalog.Currency));
                continue;
            }

            var meterCode = charge.Meter!;
            var totals = totalsOf(meterCode);
            var billable = meters.TryGetValue(meterCode, out var usage)
                ? usage.Usage(totals)
                : new BillableUsage(catalog.Meters[meterCode].RoundTotal(0m), []);
            lines.Add(ChargeRating.Metered(code, charge, billable, totals, catalog.Currency, catalog.Meters[meterCode].IsDeductible));
        }

        return lines;
    }

    /// <summary>The live pack ledger of a meter (created empty of usage when the meter has none yet).</summary>
    public PackLedger LedgerFor(string meterCode) => MeterFor(meterCode).Packs;

    private MeterUsage MeterFor(string meterCode)
    {
        // Events of one subject usually carry the same few meter-code strings: a match by reference on
        // the last few codes seen saves hashing the code for every event.
        foreach (var (code, recent) in recentMeters)
        {
            if (code is not null && ReferenceEquals(code, meterCode))
            {
                return recent!;
            }
        }

        var usage = MeterUsageOf(meterCode);
        recentMeters[nextRecent] = (meterCode, usage);
        nextRecent = (nextRecent + 1) % recentMeters.Length;
        return usage;
    }

    private MeterUsage MeterUsageOf(string meterCode)
    {
        if (!meters.TryGetValue(meterCode, out var usage))
        {
            var meter = catalog.Meters[meterCode];
            var meterPacks = meter.IsDeductible ? packs.Where(p => p.Meter == meterCode) : [];
            var grant = meter.IsDeductible ? Plan.FreeQuotas.FirstOrDefault(q => q.Meter == meterCode) : null;
            usage = new MeterUsage(
                meter,
                Plan.DeductionOrder,
                new PackLedger(meterPacks, calendar),
                new FreeQuotaLedger(grant, SubscriptionStart, at => periodOf(at).Start),
                keepDetails,
                Plan.Charges.Any(c => c.Meter == meterCode && c.Price is PercentagePrice));
            meters[meterCode] = usage;
        }

        return usage;
    }
}
