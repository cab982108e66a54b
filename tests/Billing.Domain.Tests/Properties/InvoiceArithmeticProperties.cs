using Billing.Domain.Money;
using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// The bottom of every invoice adds up, whatever the catalog, coupons, tax, late usage and payments: the
/// figures are checked on the engine's own decimals (not on the JSON, which formats every amount to the
/// currency's decimals and would hide an unrounded value).
/// </summary>
public sealed class InvoiceArithmeticProperties
{
    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Every_invoice_total_is_subtotal_minus_discount_plus_tax_and_the_subtotal_is_the_sum_of_its_lines(GeneratedScenario scenario)
    {
        foreach (var receivable in ScenarioRun.Execute(scenario.ToJson()).Outcome.Invoices)
        {
            var invoice = receivable.Invoice;
            var totals = invoice.Totals;
            var at = Describe(invoice);
            Assert.True(totals.Subtotal == invoice.Lines.Sum(l => l.Amount), $"{at}: subtotal {totals.Subtotal} is not the sum of its lines {invoice.Lines.Sum(l => l.Amount)}");
            Assert.True(totals.Total == totals.Subtotal - totals.Discount + totals.Tax, $"{at}: total {totals.Total} is not {totals.Subtotal} - {totals.Discount} + {totals.Tax}");
        }
    }

    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Discounts_and_taxes_are_never_negative_and_a_discount_never_exceeds_the_subtotal(GeneratedScenario scenario)
    {
        foreach (var receivable in ScenarioRun.Execute(scenario.ToJson()).Outcome.Invoices)
        {
            var totals = receivable.Invoice.Totals;
            var at = Describe(receivable.Invoice);
            Assert.True(totals.Discount >= 0m, $"{at}: negative discount {totals.Discount}");
            Assert.True(totals.Discount <= Math.Max(totals.Subtotal, 0m), $"{at}: discount {totals.Discount} above subtotal {totals.Subtotal}");
            if (totals.Subtotal >= 0m)
            {
                Assert.True(totals.Tax >= 0m, $"{at}: negative tax {totals.Tax} on subtotal {totals.Subtotal}");
            }
        }
    }

    /// <summary>
    /// Only with monotone prices: a late line is round(price of billed + late) − round(price of billed), which
    /// the rules make negative when a volume tier with a lower unit price is reached (20 each up to 10, then
    /// 15 each: 11 units cost less than 10), so an invoice holding such a line can legitimately be negative.
    /// </summary>
    [Property(Arbitrary = new[] { typeof(MonotoneScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void With_prices_that_never_fall_no_line_and_no_invoice_is_negative(GeneratedScenario scenario)
    {
        foreach (var receivable in ScenarioRun.Execute(scenario.ToJson()).Outcome.Invoices)
        {
            var invoice = receivable.Invoice;
            var at = Describe(invoice);
            foreach (var line in invoice.Lines)
            {
                Assert.True(line.Amount >= 0m, $"{at}: line {line.Code} is negative ({line.Amount})");
            }

            Assert.True(invoice.Totals.Tax >= 0m, $"{at}: negative tax {invoice.Totals.Tax}");
            Assert.True(invoice.Totals.Total >= 0m, $"{at}: negative total {invoice.Totals.Total}");
        }
    }

    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Every_amount_has_at_most_the_decimals_of_the_currencys_minor_unit(GeneratedScenario scenario)
    {
        var currency = Currency.Of(scenario.CurrencyCode);
        var outcome = ScenarioRun.Execute(scenario.ToJson()).Outcome;
        foreach (var receivable in outcome.Invoices)
        {
            var invoice = receivable.Invoice;
            var at = Describe(invoice);
            foreach (var line in invoice.Lines)
            {
                AssertRounded(currency, line.Amount, $"{at}: line {line.Code}");
            }

            AssertRounded(currency, invoice.Totals.Subtotal, $"{at}: subtotal");
            AssertRounded(currency, invoice.Totals.Discount, $"{at}: discount");
            AssertRounded(currency, invoice.Totals.Tax, $"{at}: tax");
            AssertRounded(currency, invoice.Totals.Total, $"{at}: total");
            AssertRounded(currency, receivable.Paid, $"{at}: paid");
        }

        foreach (var (customer, amount) in outcome.Credit)
        {
            AssertRounded(currency, amount, $"credit of {customer}");
        }
    }

    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void An_invoice_is_paid_exactly_when_its_payments_reach_its_total_and_never_beyond(GeneratedScenario scenario)
    {
        foreach (var receivable in ScenarioRun.Execute(scenario.ToJson()).Outcome.Invoices)
        {
            var at = Describe(receivable.Invoice);
            var total = receivable.Invoice.Totals.Total;
            Assert.True(receivable.Paid >= 0m, $"{at}: paid {receivable.Paid} is negative");
            Assert.True(receivable.Paid <= Math.Max(total, 0m), $"{at}: paid {receivable.Paid} above total {total}");
            Assert.True(receivable.IsPaid == (receivable.Paid >= total), $"{at}: status does not follow paid {receivable.Paid} of {total}");
        }
    }

    internal static string Describe(Domain.Invoicing.Invoice invoice) =>
        $"{invoice.Kind} invoice {invoice.Key} of {invoice.Customer} issued {invoice.IssuedAt:O}";

    private static void AssertRounded(Currency currency, decimal amount, string what) =>
        Assert.True(decimal.Round(amount, currency.MinorUnits) == amount, $"{what}: {amount} has more than {currency.MinorUnits} decimals");
}
