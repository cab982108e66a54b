namespace Billing.Application.Notices;

/// <summary>
/// What an invoice-related email says about its invoice, already formatted for the reader: number, what it bills
/// (<c>2026-01</c>, or null for a prepaid invoice), total and amount still due with the currency code
/// (<c>1,220.00 CNY</c>), and the due date in the catalog's time zone.
/// </summary>
public sealed record NoticeInvoice(string Number, string? Period, string Total, string AmountDue, string DueDate);

/// <summary>Where to pay: the issuer's bank and account; the reference to quote is the invoice number.</summary>
public sealed record NoticePayment(string Bank, string Account);

/// <summary>Builds <see cref="NoticeInvoice"/> values: amounts grouped as the invoice documents show them, dates local.</summary>
public static class NoticeInvoices
{
    public static NoticeInvoice Of(
        string number, string? period, decimal total, decimal paid, DateTimeOffset dueAt, string currencyCode, string locale, TimeZoneInfo zone) =>
        new(number, period, Money(total, currencyCode, locale), Money(Math.Max(0m, total - paid), currencyCode, locale), LocalTimes.Date(dueAt, zone));

    /// <summary>The amount with the language's digit grouping and the currency's minor digits, then its code: <c>1,220.00 CNY</c>.</summary>
    public static string Money(decimal amount, string currencyCode, string locale)
    {
        var minor = Domain.Money.Currency.TryOf(currencyCode)?.MinorUnits ?? 2;
        return $"{Rendering.InvoiceView.Grouped(Math.Round(amount, minor, MidpointRounding.AwayFromZero), Rendering.InvoiceLabels.For(locale), minor, minor)} {currencyCode}";
    }
}
