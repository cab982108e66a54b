using System.Globalization;
using Billing.Domain.Invoicing;

namespace Billing.Application.Rendering;

/// <summary>
/// An <see cref="InvoiceDocument"/> turned into the exact strings both renderers show, in the document's
/// language, so the HTML and the PDF cannot say different things. Only placement is left to the renderers.
/// </summary>
internal sealed record InvoiceView(
    InvoiceLabels Labels,
    string Title,
    string Kind,
    string Number,
    string Status,
    string IssuerName,
    IReadOnlyList<string> IssuerLines,
    string CustomerName,
    IReadOnlyList<string> CustomerLines,
    IReadOnlyList<InvoiceView.Fact> Facts,
    IReadOnlyList<string> ColumnHeadings,
    IReadOnlyList<InvoiceView.Row> Rows,
    IReadOnlyList<InvoiceView.Fact> Totals,
    IReadOnlyList<InvoiceView.Fact> Payment)
{
    /// <summary>A label and its value; <paramref name="Strong"/> for the figures that matter most (total, balance due).</summary>
    internal sealed record Fact(string Label, string Value, bool Strong = false);

    /// <summary>An invoice line and the sub-rows explaining it (usage, coverage, tier slices, proration).</summary>
    internal sealed record Row(string Code, string Description, string Quantity, string UnitPrice, string Amount, IReadOnlyList<string> Details);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static InvoiceView Of(InvoiceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var labels = InvoiceLabels.For(document.Locale);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(document.TimeZone);
        var currency = document.Currency;
        string Money(decimal amount) => Grouped(currency.Round(amount), labels, currency.MinorUnits, currency.MinorUnits);
        string Day(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd", Invariant);
        string Date(DateTimeOffset instant) => $"{Day(instant)} ({document.TimeZone})";

        var facts = new List<Fact> { new(labels.InvoiceNumber, document.Number) };
        if (document.PeriodName is not null)
        {
            facts.Add(new Fact(labels.Period, document.PeriodName));
        }

        if (document.ServicePeriod is { } service)
        {
            // The end is exclusive: the last day shown is the one before it. The zone is named on the dates below.
            facts.Add(new Fact(labels.ServicePeriod, $"{Day(service.Start)} – {Day(service.End.AddTicks(-1))}"));
        }

        facts.Add(new Fact(labels.IssueDate, Date(document.IssuedAt)));
        facts.Add(new Fact(labels.DueDate, Date(document.DueAt)));
        facts.Add(new Fact(labels.Currency, currency.Code));
        facts.Add(new Fact(labels.Status, labels.StatusName(document.Status)));

        var totals = new List<Fact> { new(labels.Subtotal, Money(document.Subtotal)) };
        if (document.Discount.Amount != 0m || document.Discount.CouponCodes.Count > 0)
        {
            var label = document.Discount.CouponCodes.Count > 0
                ? labels.Qualified(labels.Discount, string.Join(", ", document.Discount.CouponCodes))
                : labels.Discount;
            totals.Add(new Fact(label, Money(-document.Discount.Amount)));
        }

        totals.Add(new Fact(labels.Qualified(labels.Tax, Percent(document.Tax.Rate)), Money(document.Tax.Amount)));
        totals.Add(new Fact(labels.Total, $"{currency.Code} {Money(document.Total)}", Strong: true));
        totals.Add(new Fact(labels.AmountPaid, Money(document.Paid)));
        totals.Add(new Fact(labels.BalanceDue, $"{currency.Code} {Money(document.BalanceDue)}", Strong: true));

        var issuer = document.Issuer;
        return new InvoiceView(
            labels,
            Title: labels.Invoice,
            Kind: document.Kind == InvoiceKind.Prepaid ? labels.PrepaidInvoice : labels.UsageInvoice,
            Number: document.Number,
            Status: labels.StatusName(document.Status),
            IssuerName: issuer.Name,
            IssuerLines: [.. issuer.AddressLines, $"{labels.TaxId}: {issuer.TaxId}", $"{labels.Email}: {issuer.Email}"],
            CustomerName: document.Customer.Name,
            CustomerLines: [.. document.Customer.AddressLines ?? [], $"{labels.CustomerId}: {document.Customer.Id}", $"{labels.Email}: {document.Customer.Email}"],
            Facts: facts,
            ColumnHeadings: [labels.Item, labels.Description, labels.Quantity, labels.UnitPrice, labels.Qualified(labels.Amount, currency.Code)],
            Rows: [.. document.Lines.Select(line => RowOf(line, labels, document))],
            Totals: totals,
            Payment:
            [
                new Fact(labels.Bank, issuer.PaymentAccount.Bank),
                new Fact(labels.Account, issuer.PaymentAccount.Account),
                new Fact(labels.Reference, document.Number),
            ]);
    }

    /// <summary>A decimal with no trailing zeros and no group separators: <c>1500</c>, <c>0.0125</c>.</summary>
    public static string Plain(decimal value) => value.ToString("0.############################", Invariant);

    /// <summary>
    /// The value with the language's digit grouping and decimal mark, at least <paramref name="minDecimals"/> and at most
    /// <paramref name="maxDecimals"/> decimals (trailing zeros beyond the minimum dropped): <c>1,234,567.89</c>.
    /// </summary>
    public static string Grouped(decimal value, InvoiceLabels labels, int minDecimals, int maxDecimals = 28)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var pattern = "#,0" + (maxDecimals == 0 ? string.Empty : "." + new string('0', minDecimals) + new string('#', Math.Max(0, maxDecimals - minDecimals)));
        return value.ToString(pattern, labels.Numbers);
    }

    /// <summary>The rate as a percentage: 0.13 is <c>13%</c>, 0.065 is <c>6.5%</c>.</summary>
    public static string Percent(decimal rate) => Plain(rate * 100m) + "%";

    private static Row RowOf(InvoiceDocumentLine line, InvoiceLabels labels, InvoiceDocument document)
    {
        var details = new List<string>();
        if (line.Breakdown is { } breakdown)
        {
            if (breakdown.Usage is { } usage)
            {
                details.Add($"{labels.Usage}: {Plain(usage)}");
            }

            if (breakdown.CoveredByPacks is { } packs && packs != 0m)
            {
                details.Add($"{labels.CoveredByPacks}: {Plain(packs)}");
            }

            if (breakdown.CoveredByFreeQuota is { } quota && quota != 0m)
            {
                details.Add($"{labels.CoveredByFreeQuota}: {Plain(quota)}");
            }

            foreach (var slice in breakdown.Slices)
            {
                // Slice amounts are unrounded: shown to the minor unit, or in full when rounding would hide a part.
                var amount = document.Currency.Round(slice.Amount) == slice.Amount ? document.Currency.Format(slice.Amount) : Plain(slice.Amount);
                var price = slice.Rate is { } rate ? Plain(rate) + "%" : Plain(slice.UnitPrice);
                var flat = slice.FlatAmount == 0m ? string.Empty : $" + {labels.FlatFee} {document.Currency.Format(slice.FlatAmount)}";
                details.Add($"{labels.Tier(Plain(slice.From), Plain(slice.To))}: {Plain(slice.Quantity)} × {price}{flat} = {amount}");
            }

            if (breakdown.Percentage is { } fees)
            {
                details.Add(labels.PercentageFees(fees.Events, fees.FreeEvents, $"{Plain(fees.BillableValue)} × {Plain(fees.Rate)}%", $"{fees.Events - fees.FreeEvents} × {document.Currency.Format(fees.FixedAmount)}"));
            }

            if (breakdown.Proration is { IsWhole: false } proration)
            {
                details.Add(labels.Prorated(proration.ActiveDays, proration.PeriodDays));
            }
        }

        var quantity = Grouped(line.Quantity, labels, 0);
        var minor = document.Currency.MinorUnits;
        var unitPrice = line.UnitPrice switch
        {
            null => string.Empty,
            { Per: 1m } price => Grouped(price.Price, labels, minor),
            var price => labels.Per(Grouped(price.Price, labels, minor), Grouped(price.Per, labels, 0)),
        };
        return new Row(
            line.Code,
            line.Description,
            line.Unit is { } unit ? $"{quantity} {unit}" : quantity,
            unitPrice,
            Grouped(line.Amount, labels, minor, minor),
            details);
    }
}
