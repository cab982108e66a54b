using Billing.Domain.Invoicing;
using Billing.Domain.Money;

namespace Billing.Application.Rendering;

/// <summary>
/// Everything a rendered invoice shows, and nothing about how invoices are stored. Amounts are in
/// <see cref="Currency"/> and already rounded to its minor unit; the renderers only format them.
/// Dates are shown as <c>yyyy-MM-dd</c> in <see cref="TimeZone"/> (an IANA id), and the zone is named.
/// </summary>
public sealed record InvoiceDocument
{
    /// <summary>The allocated invoice number, e.g. <c>INV-2026-000042</c>; also the payment reference.</summary>
    public required string Number { get; init; }

    public required InvoiceKind Kind { get; init; }

    /// <summary><c>en</c> or <c>zh-CN</c>; see <see cref="InvoiceLabels.For"/> for what other values get.</summary>
    public required string Locale { get; init; }

    public required InvoiceIssuer Issuer { get; init; }

    public required InvoiceCustomer Customer { get; init; }

    /// <summary>The billing period's name (<c>2026-01</c>); null for a prepaid invoice.</summary>
    public string? PeriodName { get; init; }

    /// <summary>
    /// The service period a usage invoice bills, [start, end) as instants (shown as the first and the last local day,
    /// both included); null for a prepaid invoice or when unknown.
    /// </summary>
    public InvoiceServicePeriod? ServicePeriod { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>The tenant's IANA time zone (<c>Asia/Shanghai</c>) in which the dates are shown.</summary>
    public required string TimeZone { get; init; }

    public required Currency Currency { get; init; }

    public required IReadOnlyList<InvoiceDocumentLine> Lines { get; init; }

    /// <summary>The sum of the rounded line amounts.</summary>
    public required decimal Subtotal { get; init; }

    /// <summary>The discount as a positive amount (0 when none) and the coupons that made it.</summary>
    public InvoiceDiscount Discount { get; init; } = InvoiceDiscount.None;

    public required InvoiceTax Tax { get; init; }

    /// <summary>Subtotal − discount + tax.</summary>
    public required decimal Total { get; init; }

    /// <summary>What has been paid on the invoice so far.</summary>
    public decimal Paid { get; init; }

    public decimal BalanceDue => Total - Paid;

    public required InvoiceStatus Status { get; init; }
}

/// <summary>A billing period as instants: <see cref="Start"/> included, <see cref="End"/> excluded.</summary>
public sealed record InvoiceServicePeriod(DateTimeOffset Start, DateTimeOffset End);

/// <summary>Who sends the invoice and where to pay it.</summary>
public sealed record InvoiceIssuer(
    string Name,
    IReadOnlyList<string> AddressLines,
    string TaxId,
    string Email,
    InvoicePaymentAccount PaymentAccount);

/// <summary>The bank account that receives transfers; the reference to quote is always the invoice number.</summary>
public sealed record InvoicePaymentAccount(string Bank, string Account);

/// <summary>Who the invoice is billed to: id, name (up to 200 characters), email and postal address lines (none when absent).</summary>
public sealed record InvoiceCustomer(string Id, string Name, string Email, IReadOnlyList<string>? AddressLines = null);

/// <summary>A positive discount amount and the codes of the coupons that made it (empty when there is no discount).</summary>
public sealed record InvoiceDiscount(decimal Amount, IReadOnlyList<string> CouponCodes)
{
    public static InvoiceDiscount None { get; } = new(0m, []);
}

/// <summary>The tax amount and its rate as a fraction (0.13 is 13 %).</summary>
public sealed record InvoiceTax(decimal Rate, decimal Amount);

/// <summary>Where the invoice stands with payments; shown as a label, never derived from a clock.</summary>
public enum InvoiceStatus
{
    Open,
    PartiallyPaid,
    Paid,
    Overdue,
    Void,
}
