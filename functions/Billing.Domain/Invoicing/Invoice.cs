using Billing.Domain.Money;

namespace Billing.Domain.Invoicing;

/// <summary>
/// An issued invoice. <see cref="Period"/> names the billing period of a usage invoice and is null for a
/// prepaid one. Amounts are in <see cref="Currency"/>, already rounded. What has been paid is tracked
/// apart (<c>Receivable</c>), since an invoice never changes once issued.
/// </summary>
public sealed record Invoice(
    string Customer,
    InvoiceKind Kind,
    string? Period,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    Currency Currency,
    IReadOnlyList<InvoiceLine> Lines,
    InvoiceTotals Totals,
    IReadOnlyList<string> AppliedCoupons)
{
    /// <summary>A stable key for the invoice within a customer: <c>usage/2026-01</c> or <c>prepaid/p1@2026-01-01T00:00:00Z</c>.</summary>
    public string Key { get; init; } = string.Empty;
}
