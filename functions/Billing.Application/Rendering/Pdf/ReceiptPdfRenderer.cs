using System.Globalization;
using PdfSharp.Pdf;

namespace Billing.Application.Rendering;

/// <summary>
/// Renders a <see cref="ReceiptDocument"/> as a one-page A4 PDF in the invoice's style and fonts: issuer, the customer,
/// the invoice it settles (number, period, dates), the invoice total, what was paid, the balance (0) and the payment
/// that completed it, with its local time. Like invoices, the same receipt renders to the same bytes every time
/// (document info and ids fixed by the invoice number and the payment instant). Needs <see cref="PdfLicensing.Apply"/>
/// and the fonts <see cref="InvoicePdfRenderer"/> installs.
/// </summary>
public sealed class ReceiptPdfRenderer(InvoicePdfRenderer fonts)
{
    private const double Size = 9;
    private const double Leading = 13;
    private const double LabelX = InvoicePdfCanvas.Left;
    private const double ValueX = 200;

    /// <summary>The renderer whose construction installed the fonts; kept so fonts are installed before any receipt is drawn.</summary>
    public InvoicePdfRenderer Fonts { get; } = fonts;

    public byte[] Render(ReceiptDocument receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        PdfLicensing.EnsureApplied();
        var labels = InvoiceLabels.For(receipt.Locale);
        var words = ReceiptLabels.For(receipt.Locale);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(receipt.TimeZone);
        var minor = receipt.Currency.MinorUnits;
        string Money(decimal amount) => $"{receipt.Currency.Code} {InvoiceView.Grouped(receipt.Currency.Round(amount), labels, minor, minor)}";
        string Local(DateTimeOffset instant, string format) => $"{TimeZoneInfo.ConvertTime(instant, zone).ToString(format, CultureInfo.InvariantCulture)} ({receipt.TimeZone})";

        using var pdf = new PdfDocument();
        var stamp = receipt.PaidAt.UtcDateTime;
        pdf.Info.Title = $"{words.Receipt} {receipt.InvoiceNumber}";
        pdf.Info.Author = receipt.Issuer.Name;
        pdf.Info.Creator = "BillingFunctions";
        pdf.Info.CreationDate = stamp;
        pdf.Info.ModificationDate = stamp;
        var seed = receipt.InvoiceNumber + "/receipt";
        var id = string.Concat(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16).ToArray().Select(b => (char)b));
        pdf.Internals.FirstDocumentID = pdf.Internals.SecondDocumentID = id;

        var canvas = new InvoicePdfCanvas(pdf);
        try
        {
            canvas.NewPage();
            var top = canvas.Y;
            var y = top + 12;
            foreach (var line in canvas.Wrap(receipt.Issuer.Name, 12, 250, bold: true))
            {
                canvas.Text(line, InvoicePdfCanvas.Left, y, 12, bold: true);
                y += 15;
            }

            foreach (var line in receipt.Issuer.AddressLines.Append($"{labels.TaxId}: {receipt.Issuer.TaxId}").SelectMany(text => canvas.Wrap(text, 8.5, 250)))
            {
                canvas.Text(line, InvoicePdfCanvas.Left, y, 8.5, color: InvoicePdfCanvas.Muted);
                y += 11;
            }

            canvas.TextRight(words.Receipt, InvoicePdfCanvas.Right, top + 20, 22, bold: true);
            canvas.TextRight(words.PaidInFull, InvoicePdfCanvas.Right, top + 36, 9, color: InvoicePdfCanvas.Muted);
            canvas.TextRight(receipt.InvoiceNumber, InvoicePdfCanvas.Right, top + 52, 12, bold: true);
            canvas.Y = Math.Max(y, top + 60) + 4;
            canvas.Rule(InvoicePdfCanvas.Left, InvoicePdfCanvas.Right, canvas.Y, 1.5, InvoicePdfCanvas.Ink);
            canvas.Y += 22;

            canvas.Text(labels.BillTo.ToUpperInvariant(), InvoicePdfCanvas.Left, canvas.Y, 7.5, bold: true, InvoicePdfCanvas.Muted);
            canvas.Y += 14;
            foreach (var line in canvas.Wrap(receipt.Customer.Name, 11, InvoicePdfCanvas.Right - InvoicePdfCanvas.Left, bold: true))
            {
                canvas.Text(line, InvoicePdfCanvas.Left, canvas.Y, 11, bold: true);
                canvas.Y += 14;
            }

            foreach (var line in (receipt.Customer.AddressLines ?? []).Append($"{labels.CustomerId}: {receipt.Customer.Id}").SelectMany(text => canvas.Wrap(text, Size, InvoicePdfCanvas.Right - InvoicePdfCanvas.Left)))
            {
                canvas.Text(line, InvoicePdfCanvas.Left, canvas.Y, Size);
                canvas.Y += Leading - 1;
            }

            canvas.Y += 16;
            var facts = new List<(string Label, string Value, bool Strong)> { (labels.InvoiceNumber, receipt.InvoiceNumber, false) };
            if (receipt.PeriodName is { } period)
            {
                facts.Add((labels.Period, period, false));
            }

            facts.Add((labels.IssueDate, Local(receipt.IssuedAt, "yyyy-MM-dd"), false));
            facts.Add((labels.DueDate, Local(receipt.DueAt, "yyyy-MM-dd"), false));
            facts.Add((words.InvoiceTotal, Money(receipt.Total), false));
            facts.Add((labels.AmountPaid, Money(receipt.Paid), true));
            facts.Add((labels.BalanceDue, Money(Math.Max(0m, receipt.Total - receipt.Paid)), false));
            facts.Add((words.PaidOn, Local(receipt.PaidAt, "yyyy-MM-dd HH:mm"), false));
            facts.Add((words.Payment, receipt.PaymentId, false));
            foreach (var (label, value, strong) in facts)
            {
                canvas.Text(label, LabelX, canvas.Y, Size, strong, strong ? InvoicePdfCanvas.Ink : InvoicePdfCanvas.Muted);
                foreach (var line in canvas.Wrap(value, Size, InvoicePdfCanvas.Right - ValueX, strong))
                {
                    canvas.Text(line, ValueX, canvas.Y, Size, strong);
                    canvas.Y += Leading;
                }
            }

            canvas.Y += 10;
            canvas.Rule(InvoicePdfCanvas.Left, InvoicePdfCanvas.Right, canvas.Y);
            canvas.Y += 16;
            foreach (var line in canvas.Wrap(words.Confirmation(receipt.InvoiceNumber), Size, InvoicePdfCanvas.Right - InvoicePdfCanvas.Left))
            {
                canvas.Text(line, InvoicePdfCanvas.Left, canvas.Y, Size);
                canvas.Y += Leading;
            }

            canvas.Finish((page, pages) => $"{words.Receipt} {receipt.InvoiceNumber} · {labels.PageOf(page, pages)}");
        }
        finally
        {
            canvas.Dispose();
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return PdfIdentifiers.Stabilize(stream.ToArray(), seed);
    }
}
