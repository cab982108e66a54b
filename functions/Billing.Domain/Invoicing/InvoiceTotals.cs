namespace Billing.Domain.Invoicing;

/// <summary>
/// The bottom of an invoice. <see cref="Subtotal"/> is the sum of the rounded lines; the discount and the
/// tax are each rounded once; <see cref="Total"/> = subtotal − discount + tax, a sum of rounded figures.
/// </summary>
public sealed record InvoiceTotals(decimal Subtotal, decimal Discount, decimal Tax, decimal Total)
{
    /// <summary>
    /// Totals for these lines. Percent coupons add up and apply to the subtotal first, then amount coupons
    /// are subtracted; the discount is capped at the subtotal and rounded once. Tax = (subtotal − discount) × rate.
    /// </summary>
    public static InvoiceTotals Compute(IEnumerable<InvoiceLine> lines, IEnumerable<Coupon> coupons, decimal taxRate, Money.Currency currency)
    {
        var subtotal = lines.Sum(line => line.Amount);
        var percent = 0m;
        var amountOff = 0m;
        foreach (var coupon in coupons)
        {
            percent += coupon.PercentOff ?? 0m;
            amountOff += coupon.AmountOff ?? 0m;
        }

        var discount = subtotal <= 0m ? 0m : currency.Round(Math.Min(subtotal, (subtotal * percent / 100m) + amountOff));
        var tax = currency.Round((subtotal - discount) * taxRate);
        return new InvoiceTotals(subtotal, discount, tax, subtotal - discount + tax);
    }
}
