using System.Globalization;
using System.Text;
using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Domain.Ordering;
using Billing.Workflows.Simulation;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// A plain-text account of one usage invoice: each line with its model, the usage before deduction and
/// what packs and free quota covered, the tier slices with their flat fees, the free events, paying value,
/// rate and fixed fees of percentage charges, the proration of flat fees, the events of each
/// meter and which pack took what, then coupons, tax, total and payments. Needs a run that kept details.
/// </summary>
public static class InvoiceExplanation
{
    public static string Explain(SimulationOutcome outcome, string customer, string period)
    {
        var receivable = outcome.Invoices.FirstOrDefault(r =>
            r.Invoice.Customer == customer && r.Invoice.Kind == InvoiceKind.Usage && r.Invoice.Period == period)
            ?? throw new ScenarioFormatException("--customer", $"no usage invoice of '{customer}' for period '{period}' (is the customer invoiced through a parent, or the period not settled before end?)");
        var invoice = receivable.Invoice;
        var currency = invoice.Currency;
        var text = new StringBuilder();
        Line(text, $"Invoice {invoice.Key} of {customer}, period {period}");
        Line(text, $"  issued {OutcomeWriter.Instant(invoice.IssuedAt)}, due {OutcomeWriter.Instant(invoice.DueAt)}, {currency.Code}");
        Line(text, string.Empty);
        foreach (var line in invoice.Lines)
        {
            Line(text, $"{line.Code}: quantity {Q(line.Quantity)}, amount {currency.Format(line.Amount)}");
            if (line.Detail is { } detail)
            {
                ExplainDetail(text, detail, currency);
            }
        }

        var account = outcome.Accounts[customer];
        var periodStart = account.PeriodNamed(period)!.Start;
        foreach (var (subjectCustomer, subject) in account.Subjects.Where(s => s.Key == s.Value.CustomerId))
        {
            foreach (var meter in subject.Meters.OrderBy(m => m.Meter.Code, CodePointOrder.Instance))
            {
                var events = meter.SettledEvents(periodStart);
                if (events.Count == 0)
                {
                    continue;
                }

                Line(text, string.Empty);
                Line(text, $"Events of {subjectCustomer} on {meter.Meter.Code} (in event-time order):");
                foreach (var deducted in events)
                {
                    var draws = deducted.Draws is { Count: > 0 } d ? " [" + string.Join(", ", d.Select(x => $"{x.PackCode}: {Q(x.Quantity)}")) + "]" : string.Empty;
                    Line(text, $"  {deducted.Event.Id} at {OutcomeWriter.Instant(deducted.Event.At)} ({deducted.Event.Customer}): {Q(deducted.Event.Quantity)} -> packs {Q(deducted.FromPacks)}{draws}, free quota {Q(deducted.FromFreeQuota)}, billable {Q(deducted.Billable)}");
                }
            }
        }

        Line(text, string.Empty);
        Line(text, $"Subtotal {currency.Format(invoice.Totals.Subtotal)} (sum of the rounded lines)");
        var coupons = invoice.AppliedCoupons.Count == 0 ? "no coupon" : "coupons " + string.Join(", ", invoice.AppliedCoupons);
        Line(text, $"Discount {currency.Format(invoice.Totals.Discount)} ({coupons}; percent first, then amounts, capped at the subtotal, rounded once)");
        Line(text, $"Tax      {currency.Format(invoice.Totals.Tax)} (subtotal - discount, times the tax rate, rounded once)");
        Line(text, $"Total    {currency.Format(invoice.Totals.Total)}");
        Line(text, $"Paid     {currency.Format(receivable.Paid)} -> {(receivable.IsPaid ? "paid" : "open")}");
        return text.ToString();
    }

    private static void ExplainDetail(StringBuilder text, LineDetail detail, Currency currency)
    {
        if (detail.Proration is { } proration)
        {
            var share = proration.IsWhole ? "whole period" : $"{proration.ActiveDays} of {proration.PeriodDays} days";
            Line(text, $"  flat fee, {share}: {detail.UnroundedAmount.ToString(CultureInfo.InvariantCulture)} before rounding");
            return;
        }

        Line(text, $"  {detail.Model} on meter {detail.Meter}: usage {Q(detail.Usage ?? 0m)}, from packs {Q(detail.FromPacks ?? 0m)}, from free quota {Q(detail.FromFreeQuota ?? 0m)}");
        foreach (var slice in detail.Slices)
        {
            Line(text, "    " + TierText(detail.Model, slice));
        }

        if (detail.Percentage is { } fees)
        {
            Line(text, $"    {fees.Events} events, the first {fees.FreeEvents} free; paying value {Q(fees.BillableValue)} x {N(fees.Rate)} % = {N(fees.BillableValue * fees.Rate / 100m)}; fixed fees {fees.Events - fees.FreeEvents} x {N(fees.FixedAmount)} = {N(fees.FixedFees)}");
        }

        Line(text, $"  before rounding {detail.UnroundedAmount.ToString(CultureInfo.InvariantCulture)}, rounded to {currency.Format(detail.UnroundedAmount)}");
    }

    /// <summary>One tier slice: its range (the whole quantity for volume), price or rate, and the tier's flat fee when it has one.</summary>
    public static string TierText(string model, Billing.Domain.Pricing.TierSlice slice)
    {
        var range = model == "volume" ? $"volume tier for {Q(slice.Quantity)}" : $"tier ({Q(slice.From)}, {Q(slice.To)}]";
        var price = slice.Rate is { } rate ? $"{N(rate)} %" : N(slice.UnitPrice);
        var sliceAmount = slice.Amount - slice.FlatAmount;
        return slice.FlatAmount == 0m
            ? $"{range}: {Q(slice.Quantity)} x {price} = {N(slice.Amount)}"
            : $"{range}: {Q(slice.Quantity)} x {price} = {N(sliceAmount)}, flat fee {N(slice.FlatAmount)}, = {N(slice.Amount)}";
    }

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Q(decimal quantity) => OutcomeWriter.Quantity(quantity);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
