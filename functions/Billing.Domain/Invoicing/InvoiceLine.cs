namespace Billing.Domain.Invoicing;

/// <summary>
/// One line of an invoice: a charge (<c>calls</c>), a sub-account's charge (<c>ops/calls</c>), a late
/// usage delta (<c>calls@2026-01</c>) or a pack purchase. <see cref="Quantity"/> is the billable
/// quantity after deduction and meter rounding (1 for a flat fee or a pack); <see cref="Amount"/> is
/// rounded to the currency's minor unit. <see cref="Detail"/> explains how the amount came about.
/// </summary>
public sealed record InvoiceLine(string Code, decimal Quantity, decimal Amount, LineDetail? Detail = null);
