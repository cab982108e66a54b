using System.ComponentModel;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>
/// One invoice in the scenario format's outcome shape (<c>OutcomeWriter.WriteInvoice</c>): amounts and quantities are
/// decimal strings in the invoice's currency, already rounded by the billing engine; instants are ISO 8601 with an offset.
/// </summary>
public sealed record InvoiceOutcome(
    [property: Description("The gapless number per issuer and year, e.g. INV-2026-000001.")] string Number,
    string Customer,
    [property: Description("usage or prepaid.")] string Kind,
    [property: Description("The billing period (2026-01, 2026-Q1); null for a prepaid invoice.")] string? Period,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    [property: Description("ISO 4217 code.")] string Currency,
    IReadOnlyList<PricedLine> Lines,
    string Subtotal,
    string Discount,
    string Tax,
    string Total,
    [property: Description("What has been paid so far.")] string Paid,
    [property: Description("open or paid.")] string Status);

/// <summary>A page of <c>GET /api/manage/invoices</c>: invoices and the token of the next page (null after the last).</summary>
public sealed record InvoicePage(IReadOnlyList<InvoiceOutcome> Items, string? ContinuationToken);
