using System.Globalization;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Domain.Pricing;

namespace Billing.Domain.Rating;

/// <summary>Turns a charge and its billable usage into an invoice line, rounded once after the model.</summary>
public static class ChargeRating
{
    /// <summary>A metered charge's line for the billable quantity (after deduction and meter rounding).</summary>
    public static InvoiceLine Metered(string code, Charge charge, decimal quantity, PeriodMeterTotals? totals, Currency currency) =>
        Metered(code, charge, new BillableUsage(quantity, totals?.EventBillables()), totals, currency);

    /// <summary>
    /// A metered charge's line for the period's billable usage; the line's quantity is the usage's quantity. The
    /// detail's usage is the total before deduction for a deducted (sum, count) meter, else the aggregate itself.
    /// </summary>
    public static InvoiceLine Metered(string code, Charge charge, BillableUsage usage, PeriodMeterTotals? totals, Currency currency, bool deducted = true)
    {
        var unrounded = charge.Price.PriceOf(usage);
        var detail = new LineDetail(
            charge.Price.Model,
            charge.Meter,
            !deducted ? usage.Quantity : totals is null ? 0m : totals.BillableSum + totals.FromPacks + totals.FromFreeQuota,
            totals?.FromPacks ?? 0m,
            totals?.FromFreeQuota ?? 0m,
            SlicesOf(charge.Price, usage.Quantity),
            null,
            unrounded,
            charge.Price is PercentagePrice percentage ? percentage.Fees(usage) : null);
        return new InvoiceLine(code, usage.Quantity, currency.Round(unrounded), detail);
    }

    /// <summary>A flat fee's line: quantity 1, the amount times the proration share.</summary>
    public static InvoiceLine Flat(string code, FlatFee fee, Proration proration, Currency currency)
    {
        var unrounded = proration.Apply(fee.Amount);
        var detail = new LineDetail(fee.Model, null, null, null, null, [], proration, unrounded);
        return new InvoiceLine(code, 1m, currency.Round(unrounded), detail);
    }

    /// <summary>
    /// The late-usage delta line <c>code@period</c>: round(price of billed + late) − round(price of billed).
    /// A percentage charge is priced again over the whole event list of the period.
    /// </summary>
    public static InvoiceLine Late(string code, Charge charge, LateUsage lateUsage, Currency currency)
    {
        var after = currency.Round(charge.Price.PriceOf(lateUsage.After));
        var before = currency.Round(charge.Price.PriceOf(lateUsage.Before));
        var detail = new LineDetail(charge.Price.Model, charge.Meter, lateUsage.LateQuantity, 0m, 0m, [], null, after - before);
        return new InvoiceLine(
            string.Create(CultureInfo.InvariantCulture, $"{code}@{lateUsage.Period.Name}"),
            lateUsage.LateQuantity,
            after - before,
            detail);
    }

    /// <summary>The tier slices with their flat amounts, for the tiered models; none for the others.</summary>
    private static IReadOnlyList<TierSlice> SlicesOf(ChargePrice price, decimal quantity) => price switch
    {
        GraduatedPrice graduated => graduated.Slices(quantity).ToArray(),
        GraduatedPercentagePrice graduatedPercentage => graduatedPercentage.Slices(quantity).ToArray(),
        VolumePrice volume => [volume.Slice(quantity)],
        _ => [],
    };
}
