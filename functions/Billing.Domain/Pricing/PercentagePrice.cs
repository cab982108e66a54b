namespace Billing.Domain.Pricing;

/// <summary>
/// <c>percentage</c>: priced per event of a <c>sum</c> meter whose property is a money value, in event-time
/// order (at, then id). The first <see cref="FreeEvents"/> events pay nothing; every other event pays its
/// billable part × <see cref="Rate"/> / 100 plus <see cref="FixedAmount"/>, even when packs or free quota
/// covered all of it. The fees are summed unrounded; the line is rounded once by the caller.
/// </summary>
public sealed record PercentagePrice(decimal Rate, decimal FixedAmount, int FreeEvents) : ChargePrice
{
    public override string Model => "percentage";

    /// <summary>The quantity as the value of one single event (the first event of a period when it is not free).</summary>
    public override decimal PriceOf(decimal quantity) => PriceOf(new BillableUsage(quantity, [quantity]));

    /// <summary>The fees of the usage's events; without per-event values, the quantity counts as one event.</summary>
    public override decimal PriceOf(BillableUsage usage) => Fees(usage).Amount;

    /// <summary>The events, free ones, paying value and fees of the usage (unrounded).</summary>
    public PercentageFees Fees(BillableUsage usage)
    {
        var values = usage.EventValues ?? [usage.Quantity];
        var paying = 0;
        var billable = 0m;
        var amount = 0m;
        for (var i = FreeEvents; i < values.Count; i++)
        {
            paying++;
            billable += values[i];
            amount += (values[i] * Rate / 100m) + FixedAmount;
        }

        return new PercentageFees(values.Count, values.Count - paying, billable, Rate, FixedAmount, paying * FixedAmount, amount);
    }

    /// <summary>
    /// An estimate for <paramref name="transactions"/> events worth <paramref name="totalValue"/> in all, each
    /// taken at the average value: the events after the free ones pay the rate on their share and the fixed amount.
    /// </summary>
    public PercentageFees Estimate(int transactions, decimal totalValue)
    {
        if (transactions <= 0)
        {
            return new PercentageFees(0, 0, 0m, Rate, FixedAmount, 0m, 0m);
        }

        var paying = Math.Max(0, transactions - FreeEvents);
        var billable = totalValue * paying / transactions;
        var fixedFees = paying * FixedAmount;
        return new PercentageFees(transactions, transactions - paying, billable, Rate, FixedAmount, fixedFees, (billable * Rate / 100m) + fixedFees);
    }
}
