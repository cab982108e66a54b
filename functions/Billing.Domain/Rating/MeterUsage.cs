using Billing.Domain.Catalog;
using Billing.Domain.Metering;
using Billing.Domain.Packs;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Quotas;

namespace Billing.Domain.Rating;

/// <summary>
/// The usage of one meter of one rating subject across its periods. On-time events of sum and count
/// meters are deducted from packs and free quota in event-time order (at, then id): an event that
/// arrives in order is applied at once; one that arrives out of order makes the unsettled periods be
/// replayed from the state the last settlement left. Settling a period fixes its totals and that state.
/// Events received after their period was settled are kept apart as late usage. When a percentage charge
/// prices the meter, each event's billable part is kept too, in event-time order.
/// </summary>
public sealed class MeterUsage
{
    private readonly DeductionSource[] deductionOrder;
    private readonly bool keepDetails;
    private readonly bool keepEventValues;
    private readonly PendingUsage pending;
    private readonly SortedDictionary<DateTimeOffset, PeriodMeterTotals> open = [];
    private readonly Dictionary<DateTimeOffset, LedgerState> periodStartStates = [];
    private readonly Dictionary<DateTimeOffset, PeriodMeterTotals> settled = [];
    private readonly SortedDictionary<DateTimeOffset, (BillingPeriod Period, PeriodMeterTotals Totals)> late = [];
    private readonly Dictionary<DateTimeOffset, List<DeductedUsage>> settledDetails = [];
    private LedgerState closed;
    private LedgerState live;
    private DateTimeOffset? livePeriod;
    private PeriodMeterTotals? lastTotals;
    private DateTimeOffset lastTotalsStart;

    public MeterUsage(Meter meter, IReadOnlyList<DeductionSource> deductionOrder, PackLedger packs, FreeQuotaLedger quota, bool keepDetails, bool keepEventValues = false)
    {
        Meter = meter;
        this.deductionOrder = [.. deductionOrder];
        this.keepDetails = keepDetails;
        this.keepEventValues = keepEventValues;
        pending = new PendingUsage(keepDetails);
        closed = new LedgerState(packs, quota);
        live = closed.Copy();
    }

    public Meter Meter { get; }

    /// <summary>Applies an event received before its period was settled.</summary>
    public void Receive(UsageEvent usage, BillingPeriod period, List<PackLowCrossing>? crossings)
    {
        if (!Meter.IsDeductible)
        {
            Accumulate(TotalsFor(period.Start), usage);
            return;
        }

        var detail = keepDetails ? new DeductedUsage(usage) { PeriodStart = period.Start } : null;
        var atTicks = usage.At.UtcTicks;
        if (pending.Count == 0 || pending.CompareTo(pending.Count - 1, atTicks, usage.Id) > 0)
        {
            pending.Insert(pending.Count, atTicks, usage.Id, usage.Quantity, period.Start, detail);
            Deduct(pending.Count - 1, period.Start, crossings, usage.Id);
        }
        else
        {
            var index = pending.Search(atTicks, usage.Id);
            pending.Insert(index < 0 ? ~index : index, atTicks, usage.Id, usage.Quantity, period.Start, detail);
            Replay(crossings);
        }

        if (usage.DistinctValue is not null)
        {
            var totals = TotalsFor(period.Start);
            (totals.Distinct ??= new HashSet<string>(StringComparer.Ordinal)).Add(usage.DistinctValue);
        }
    }

    /// <summary>Keeps an event that arrived after its period was settled, for the next invoice's late lines.</summary>
    public void ReceiveLate(UsageEvent usage, BillingPeriod period)
    {
        if (!late.TryGetValue(period.Start, out var entry))
        {
            entry = (period, new PeriodMeterTotals());
            late[period.Start] = entry;
        }

        var totals = entry.Totals;
        totals.Events++;
        totals.BillableSum += usage.Quantity;
        totals.Max = Math.Max(totals.Max, usage.Quantity);
        if (Meter.Aggregation == Aggregation.Latest)
        {
            totals.OfferLatest(usage.At.UtcTicks, usage.Id, usage.Quantity);
        }

        if (keepEventValues)
        {
            (totals.EventValues ??= []).Add(new EventValue(usage.At.UtcTicks, usage.Id, usage.Quantity));
        }

        if (usage.DistinctValue is not null)
        {
            (totals.Distinct ??= new HashSet<string>(StringComparer.Ordinal)).Add(usage.DistinctValue);
        }
    }

    /// <summary>The running totals of an unsettled period, or null when it has no events yet.</summary>
    public PeriodMeterTotals? OpenTotals(DateTimeOffset periodStart) => open.GetValueOrDefault(periodStart);

    /// <summary>The usage a charge is priced on: the billable quantity and, when kept, each event's billable part.</summary>
    public BillableUsage Usage(PeriodMeterTotals? totals) =>
        new(BillableQuantity(totals), keepEventValues ? totals?.EventBillables() ?? [] : null);

    /// <summary>The billable quantity of the totals: the sum, the max, the latest value or the distinct count, after the meter's rounding.</summary>
    public decimal BillableQuantity(PeriodMeterTotals? totals)
    {
        if (totals is null)
        {
            return Meter.RoundTotal(0m);
        }

        var raw = Meter.Aggregation switch
        {
            Aggregation.Max => totals.Max,
            Aggregation.Latest => totals.Latest,
            Aggregation.UniqueCount => totals.Distinct?.Count ?? 0,
            _ => totals.BillableSum,
        };
        return Meter.RoundTotal(raw);
    }

    /// <summary>Closes the period: returns its totals and makes the state after its events the new starting point.</summary>
    public PeriodMeterTotals Settle(BillingPeriod period)
    {
        var totals = open.Remove(period.Start, out var found) ? found : new PeriodMeterTotals();
        lastTotals = null;
        settled[period.Start] = totals;
        if (!Meter.IsDeductible)
        {
            return totals;
        }

        var count = pending.CountBefore(period.End);
        if (keepDetails)
        {
            settledDetails[period.Start] = pending.DetailsOfFirst(count);
        }

        pending.RemoveFirst(count);
        periodStartStates.Remove(period.Start);
        // Events are deducted in event-time order, so the state captured before the first event of the
        // next period is exactly the state after this period's last event.
        closed = pending.Count == 0 ? live.Copy() : periodStartStates[pending.PeriodStart(0)].Copy();
        return totals;
    }

    /// <summary>
    /// The late usage waiting for the next invoice, one entry per settled period, and marks it billed.
    /// </summary>
    public IReadOnlyList<LateUsage> TakeLate()
    {
        if (late.Count == 0)
        {
            return [];
        }

        var result = new List<LateUsage>(late.Count);
        foreach (var (start, (period, lateTotals)) in late)
        {
            // A meter first used after the period was settled (its first events are these late ones) billed
            // nothing for it: its settled totals are empty.
            if (!settled.TryGetValue(start, out var billed))
            {
                billed = new PeriodMeterTotals();
                settled[start] = billed;
            }

            var before = Usage(billed);
            billed.BillableSum += lateTotals.BillableSum;
            billed.Max = Math.Max(billed.Max, lateTotals.Max);
            billed.Events += lateTotals.Events;
            if (lateTotals.LatestId is { } latestId)
            {
                billed.OfferLatest(lateTotals.LatestAtTicks, latestId, lateTotals.Latest);
            }

            if (lateTotals.EventValues is { } lateValues)
            {
                // A percentage charge is priced again over the whole event list: a late event may change which events are free.
                billed.EventValues = [.. billed.EventValues ?? [], .. lateValues];
                billed.EventValues.Sort(EventValue.Compare);
            }

            if (lateTotals.Distinct is not null)
            {
                billed.Distinct ??= new HashSet<string>(StringComparer.Ordinal);
                billed.Distinct.UnionWith(lateTotals.Distinct);
            }

            result.Add(new LateUsage(Meter.Code, period, before, Usage(billed)));
        }

        late.Clear();
        return result;
    }

    /// <summary>True when late usage waits for the next invoice.</summary>
    public bool HasLate => late.Count > 0;

    /// <summary>The deducted events of a settled period (only when details are kept).</summary>
    public IReadOnlyList<DeductedUsage> SettledEvents(DateTimeOffset periodStart) =>
        settledDetails.GetValueOrDefault(periodStart) ?? [];

    /// <summary>The deducted events not yet settled, in event-time order (only when details are kept).</summary>
    public IReadOnlyList<DeductedUsage> PendingEvents => pending.DetailsOfFirst(pending.Count);

    /// <summary>The live pack ledger (state after every on-time event received so far).</summary>
    public PackLedger Packs => live.Packs;

    /// <summary>The live free-quota ledger.</summary>
    public FreeQuotaLedger FreeQuota => live.Quota;

    private PeriodMeterTotals TotalsFor(DateTimeOffset periodStart)
    {
        if (lastTotals is not null && lastTotalsStart == periodStart)
        {
            return lastTotals;
        }

        if (!open.TryGetValue(periodStart, out var totals))
        {
            totals = new PeriodMeterTotals();
            open[periodStart] = totals;
        }

        lastTotals = totals;
        lastTotalsStart = periodStart;
        return totals;
    }

    /// <summary>Deducts the pending event at the index from the live ledgers and adds it to its period's totals.</summary>
    private void Deduct(int index, DateTimeOffset periodStart, List<PackLowCrossing>? crossings, string? id = null)
    {
        if (livePeriod != periodStart)
        {
            periodStartStates.TryAdd(periodStart, live.Copy());
            livePeriod = periodStart;
        }

        var detail = pending.Detail(index);
        var quantity = pending.Quantity(index);
        var rest = quantity;
        var fromPacks = 0m;
        var fromFreeQuota = 0m;
        foreach (var source in deductionOrder)
        {
            if (rest == 0m)
            {
                break;
            }

            if (source == DeductionSource.Packs && !live.Packs.IsEmpty)
            {
                var draws = detail is null ? null : detail.Draws ??= [];
                fromPacks = live.Packs.Consume(pending.At(index), rest, draws, crossings);
                rest -= fromPacks;
            }
            else if (source == DeductionSource.FreeQuota && !live.Quota.IsEmpty)
            {
                fromFreeQuota = live.Quota.Consume(pending.At(index), rest);
                rest -= fromFreeQuota;
            }
        }

        if (detail is not null)
        {
            detail.FromPacks = fromPacks;
            detail.FromFreeQuota = fromFreeQuota;
            detail.Billable = rest;
        }

        var totals = TotalsFor(periodStart);
        totals.Events++;
        totals.Max = Math.Max(totals.Max, quantity);
        totals.BillableSum += rest;
        totals.FromPacks += fromPacks;
        totals.FromFreeQuota += fromFreeQuota;
        if (keepEventValues)
        {
            // Deduction runs in event-time order, so the values are appended in that order.
            (totals.EventValues ??= []).Add(new EventValue(pending.AtTicks(index), id ?? pending.Id(index), rest));
        }
    }

    private void Replay(List<PackLowCrossing>? crossings)
    {
        live = closed.Copy();
        livePeriod = null;
        periodStartStates.Clear();
        lastTotals = null;
        foreach (var (start, totals) in open.ToList())
        {
            // Every event of an open period is pending, so the period's distinct values (only ever set on a
            // deductible meter by a caller outside the rating) stay what they were.
            open[start] = new PeriodMeterTotals
            {
                Distinct = totals.Distinct is null ? null : new HashSet<string>(totals.Distinct, StringComparer.Ordinal),
            };
        }

        for (var i = 0; i < pending.Count; i++)
        {
            if (pending.Detail(i) is { } detail)
            {
                detail.FromPacks = 0m;
                detail.FromFreeQuota = 0m;
                detail.Draws = null;
            }

            Deduct(i, pending.PeriodStart(i), crossings);
        }
    }

    private void Accumulate(PeriodMeterTotals totals, UsageEvent usage)
    {
        totals.Events++;
        totals.Max = Math.Max(totals.Max, usage.Quantity);
        totals.BillableSum += usage.Quantity;
        if (Meter.Aggregation == Aggregation.Latest)
        {
            totals.OfferLatest(usage.At.UtcTicks, usage.Id, usage.Quantity);
        }

        if (usage.DistinctValue is not null)
        {
            (totals.Distinct ??= new HashSet<string>(StringComparer.Ordinal)).Add(usage.DistinctValue);
        }
    }

    private sealed record LedgerState(PackLedger Packs, FreeQuotaLedger Quota)
    {
        public LedgerState Copy() => new(Packs.Clone(), Quota.Clone());
    }
}
