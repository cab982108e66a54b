using Billing.Domain.Money;

namespace Billing.Application.Rendering;

/// <summary>
/// A receipt for an invoice paid in full: which invoice (number, period, issue and due dates), its total and what was
/// paid, and the payment that completed it with its instant. Dates and times are shown in <see cref="TimeZone"/> (an IANA
/// id, named); amounts are in <see cref="Currency"/> and already rounded. The invoice itself is not restated line by line.
/// </summary>
public sealed record ReceiptDocument
{
    public required string InvoiceNumber { get; init; }

    /// <summary><c>en</c> or <c>zh-CN</c>, as for invoices.</summary>
    public required string Locale { get; init; }

    public required InvoiceIssuer Issuer { get; init; }

    public required InvoiceCustomer Customer { get; init; }

    /// <summary>The billing period's name; null for a prepaid invoice.</summary>
    public string? PeriodName { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required string TimeZone { get; init; }

    public required Currency Currency { get; init; }

    public required decimal Total { get; init; }

    public required decimal Paid { get; init; }

    /// <summary>The id of the payment that brought the paid amount to the total.</summary>
    public required string PaymentId { get; init; }

    /// <summary>When that payment was made.</summary>
    public required DateTimeOffset PaidAt { get; init; }
}
