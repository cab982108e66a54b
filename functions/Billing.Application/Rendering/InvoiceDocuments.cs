using Billing.Domain.Invoicing;

namespace Billing.Application.Rendering;

/// <summary>Builds the <see cref="InvoiceDocument"/> of an issued domain <see cref="Invoice"/>.</summary>
public static class InvoiceDocuments
{
    /// <summary>
    /// The document of <paramref name="invoice"/> numbered <paramref name="number"/>. The domain invoice does
    /// not carry its tax rate, the customer's contact or what was paid, so they are passed in. Line names, units
    /// and unit prices come from <paramref name="catalog"/> (<see cref="InvoiceLineCatalog"/>); without it a line
    /// is described by its meter, or its code. <paramref name="servicePeriod"/> is the usage period's instants. The
    /// status follows <paramref name="paid"/> only: an overdue invoice is marked by the caller with
    /// <c>with { Status = InvoiceStatus.Overdue }</c>.
    /// </summary>
    public static InvoiceDocument FromInvoice(
        Invoice invoice,
        string number,
        InvoiceIssuer issuer,
        InvoiceCustomer customer,
        string locale,
        string timeZone,
        decimal taxRate,
        decimal paid = 0m,
        InvoiceLineCatalog? catalog = null,
        InvoiceServicePeriod? servicePeriod = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var labels = InvoiceLabels.For(locale);
        InvoiceDocumentLine Describe(InvoiceLine line) => catalog is null
            ? new InvoiceDocumentLine(line.Code, line.Detail?.Meter ?? line.Code, line.Quantity, line.Amount, Breakdown(line.Detail))
            : catalog.Describe(line, labels, Breakdown(line.Detail));
        return new InvoiceDocument
        {
            Number = number,
            Kind = invoice.Kind,
            Locale = locale,
            Issuer = issuer,
            Customer = customer,
            PeriodName = invoice.Period,
            IssuedAt = invoice.IssuedAt,
            DueAt = invoice.DueAt,
            TimeZone = timeZone,
            Currency = invoice.Currency,
            ServicePeriod = invoice.Period is null ? null : servicePeriod,
            Lines = [.. invoice.Lines.Select(Describe)],
            Subtotal = invoice.Totals.Subtotal,
            Discount = new InvoiceDiscount(invoice.Totals.Discount, invoice.AppliedCoupons),
            Tax = new InvoiceTax(taxRate, invoice.Totals.Tax),
            Total = invoice.Totals.Total,
            Paid = paid,
            Status = StatusOf(invoice.Totals.Total, paid),
        };
    }

    /// <summary>Paid once payments reach the total (a zero total is paid when issued), partly paid before that.</summary>
    public static InvoiceStatus StatusOf(decimal total, decimal paid) =>
        paid >= total ? InvoiceStatus.Paid : paid > 0m ? InvoiceStatus.PartiallyPaid : InvoiceStatus.Open;

    private static InvoiceLineBreakdown? Breakdown(LineDetail? detail) =>
        detail is null ? null : new InvoiceLineBreakdown(detail.Usage, detail.FromPacks, detail.FromFreeQuota, detail.Slices, detail.Proration, detail.Percentage);
}
