using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;

namespace Billing.Application.Rendering;

/// <summary>
/// Renders an invoice as an A4 PDF with PDFsharp, with the same content as <see cref="InvoiceHtmlRenderer"/>;
/// the lines table continues on further pages (headings repeated) when it overflows. Fonts are embedded
/// subsets of DejaVu Sans and, for CJK text, Droid Sans Fallback. The document info is fixed (title = invoice
/// number, creation and modification dates = issue instant, trailer id from the number), and the font subset
/// tags and XMP ids PDFsharp draws at random are replaced by ones derived from the number
/// (<see cref="PdfIdentifiers"/>), so the same invoice renders to the same bytes every time.
/// <see cref="PdfLicensing.Apply"/> must have been called first.
/// </summary>
public sealed class InvoicePdfRenderer
{
    private const double Size = 9;
    private const double Leading = 12;
    private const double DetailSize = 7.5;
    private const double DetailLeading = 10;

    // Lines table: code, description, then quantity (with its unit), unit price and amount right-aligned at these edges.
    private const double CodeX = InvoicePdfCanvas.Left;
    private const double CodeWidth = 96;
    private const double DescriptionX = 144;
    private const double DescriptionWidth = 150;
    private const double QuantityRight = 380;
    private const double QuantityWidth = 80;
    private const double UnitPriceRight = 466;
    private const double UnitPriceWidth = 80;
    private const double AmountRight = InvoicePdfCanvas.Right;

    // Label and value columns of the facts, totals and payment blocks.
    private const double FactLabelX = 318;
    private const double FactValueX = 405;

    /// <summary>A renderer reading the fonts from Debian's folders.</summary>
    public InvoicePdfRenderer()
        : this(InvoiceFontFolders.Debian)
    {
    }

    /// <summary>A renderer reading the fonts from <paramref name="fonts"/>; every renderer in a process must use the same folders.</summary>
    public InvoicePdfRenderer(InvoiceFontFolders fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        InvoiceFontResolver.Install(fonts);
    }

    public byte[] Render(InvoiceDocument document)
    {
        PdfLicensing.EnsureApplied();
        var view = InvoiceView.Of(document);
        using var pdf = new PdfDocument();
        var issued = document.IssuedAt.UtcDateTime;
        pdf.Info.Title = document.Number;
        pdf.Info.Author = document.Issuer.Name;
        pdf.Info.Subject = $"{view.Title} {document.Number} – {document.Customer.Name}";
        pdf.Info.Creator = "BillingFunctions";
        pdf.Info.CreationDate = issued;
        pdf.Info.ModificationDate = issued;
        pdf.Internals.FirstDocumentID = pdf.Internals.SecondDocumentID = DocumentId(document.Number);

        var canvas = new InvoicePdfCanvas(pdf);
        try
        {
            canvas.NewPage();
            DrawHeader(canvas, view);
            DrawParties(canvas, view);
            DrawLines(canvas, view);
            DrawTotals(canvas, view);
            DrawPayment(canvas, view);
            canvas.Finish((page, pages) => $"{view.Number} · {view.Labels.PageOf(page, pages)}");
        }
        finally
        {
            canvas.Dispose();
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return PdfIdentifiers.Stabilize(stream.ToArray(), document.Number);
    }

    /// <summary>
    /// The trailer's document id, the same for every render of one invoice number (the first 16 bytes of the
    /// number's SHA-256, one character per byte as PDFsharp expects).
    /// </summary>
    private static string DocumentId(string number) =>
        string.Concat(SHA256.HashData(Encoding.UTF8.GetBytes(number)).AsSpan(0, 16).ToArray().Select(b => (char)b));

    private static void DrawHeader(InvoicePdfCanvas canvas, InvoiceView view)
    {
        var top = canvas.Y;
        var y = top + 12;
        foreach (var line in canvas.Wrap(view.IssuerName, 12, 250, bold: true))
        {
            canvas.Text(line, InvoicePdfCanvas.Left, y, 12, bold: true);
            y += 15;
        }

        foreach (var line in view.IssuerLines.SelectMany(text => canvas.Wrap(text, 8.5, 250)))
        {
            canvas.Text(line, InvoicePdfCanvas.Left, y, 8.5, color: InvoicePdfCanvas.Muted);
            y += 11;
        }

        var right = InvoicePdfCanvas.Right;
        canvas.TextRight(view.Title, right, top + 20, 22, bold: true);
        canvas.TextRight(view.Kind, right, top + 36, 9, color: InvoicePdfCanvas.Muted);
        canvas.TextRight(view.Number, right, top + 52, 12, bold: true);
        canvas.TextRight(view.Status, right, top + 66, 9, color: InvoicePdfCanvas.Muted);

        canvas.Y = Math.Max(y, top + 72) + 4;
        canvas.Rule(InvoicePdfCanvas.Left, right, canvas.Y, 1.5, InvoicePdfCanvas.Ink);
        canvas.Y += 22;
    }

    private static void DrawParties(InvoicePdfCanvas canvas, InvoiceView view)
    {
        var top = canvas.Y;
        var y = top;
        canvas.Text(view.Labels.BillTo.ToUpperInvariant(), InvoicePdfCanvas.Left, y, 7.5, bold: true, InvoicePdfCanvas.Muted);
        y += 14;
        foreach (var line in canvas.Wrap(view.CustomerName, 11, 250, bold: true))
        {
            canvas.Text(line, InvoicePdfCanvas.Left, y, 11, bold: true);
            y += 14;
        }

        foreach (var line in view.CustomerLines.SelectMany(text => canvas.Wrap(text, Size, 250)))
        {
            canvas.Text(line, InvoicePdfCanvas.Left, y, Size);
            y += Leading;
        }

        var factsEnd = DrawFacts(canvas, view.Facts, top);
        canvas.Y = Math.Max(y, factsEnd) + 18;
    }

    /// <summary>Draws label/value pairs in the right-hand columns from <paramref name="top"/>; returns where they end.</summary>
    private static double DrawFacts(InvoicePdfCanvas canvas, IEnumerable<InvoiceView.Fact> facts, double top)
    {
        var y = top;
        foreach (var fact in facts)
        {
            canvas.Text(fact.Label, FactLabelX, y, Size, color: InvoicePdfCanvas.Muted);
            foreach (var line in canvas.Wrap(fact.Value, Size, InvoicePdfCanvas.Right - FactValueX))
            {
                canvas.Text(line, FactValueX, y, Size);
                y += Leading;
            }
        }

        return y;
    }

    private static void DrawLines(InvoicePdfCanvas canvas, InvoiceView view)
    {
        DrawTableHeadings(canvas, view);
        if (view.Rows.Count == 0)
        {
            canvas.Text(view.Labels.NoCharges, DescriptionX, canvas.Y + Size, Size, color: InvoicePdfCanvas.Muted);
            canvas.Y += Leading + 4;
        }

        foreach (var row in view.Rows)
        {
            var codeLines = canvas.Wrap(row.Code, Size, CodeWidth);
            var descriptionLines = canvas.Wrap(row.Description, Size, DescriptionWidth);
            var quantityLines = canvas.Wrap(row.Quantity, Size, QuantityWidth);
            var unitPriceLines = canvas.Wrap(row.UnitPrice, Size, UnitPriceWidth);
            var details = row.Details.SelectMany(detail => canvas.Wrap(detail, DetailSize, AmountRight - DescriptionX)).ToList();
            var mainHeight = (new[] { codeLines.Count, descriptionLines.Count, quantityLines.Count, unitPriceLines.Count }.Max() * Leading) + 4;

            // A line stays on one page with its sub-rows when they fit on a page at all.
            var wholeHeight = mainHeight + (details.Count * DetailLeading) + 2;
            var needed = wholeHeight <= InvoicePdfCanvas.Bottom - InvoicePdfCanvas.Top - 60 ? wholeHeight : mainHeight;
            if (canvas.EnsureRoom(needed))
            {
                DrawContinuationHeading(canvas, view);
                DrawTableHeadings(canvas, view);
            }

            canvas.Rule(InvoicePdfCanvas.Left, InvoicePdfCanvas.Right, canvas.Y);
            var baseline = canvas.Y + 3 + Size;
            for (var i = 0; i < codeLines.Count; i++)
            {
                canvas.Text(codeLines[i], CodeX, baseline + (i * Leading), Size);
            }

            for (var i = 0; i < descriptionLines.Count; i++)
            {
                canvas.Text(descriptionLines[i], DescriptionX, baseline + (i * Leading), Size);
            }

            for (var i = 0; i < quantityLines.Count; i++)
            {
                canvas.TextRight(quantityLines[i], QuantityRight, baseline + (i * Leading), Size);
            }

            for (var i = 0; i < unitPriceLines.Count; i++)
            {
                canvas.TextRight(unitPriceLines[i], UnitPriceRight, baseline + (i * Leading), Size);
            }

            canvas.TextRight(row.Amount, AmountRight, baseline, Size);
            canvas.Y += mainHeight;

            foreach (var detail in details)
            {
                if (canvas.EnsureRoom(DetailLeading))
                {
                    DrawContinuationHeading(canvas, view);
                    DrawTableHeadings(canvas, view);
                }

                canvas.Text(detail, DescriptionX, canvas.Y + DetailSize, DetailSize, color: InvoicePdfCanvas.Muted);
                canvas.Y += DetailLeading;
            }

            canvas.Y += details.Count > 0 ? 2 : 0;
        }

        canvas.Rule(InvoicePdfCanvas.Left, InvoicePdfCanvas.Right, canvas.Y, 1, InvoicePdfCanvas.Ink);
        canvas.Y += 14;
    }

    private static void DrawTableHeadings(InvoicePdfCanvas canvas, InvoiceView view)
    {
        var baseline = canvas.Y + Size;
        var headings = view.ColumnHeadings;
        canvas.Text(headings[0], CodeX, baseline, 8.5, bold: true);
        canvas.Text(headings[1], DescriptionX, baseline, 8.5, bold: true);
        canvas.TextRight(headings[2], QuantityRight, baseline, 8.5, bold: true);
        canvas.TextRight(headings[3], UnitPriceRight, baseline, 8.5, bold: true);
        canvas.TextRight(headings[4], AmountRight, baseline, 8.5, bold: true);
        canvas.Y = baseline + 5;
        canvas.Rule(InvoicePdfCanvas.Left, InvoicePdfCanvas.Right, canvas.Y, 1, InvoicePdfCanvas.Ink);
    }

    /// <summary>
    /// The top of a continuation page: which invoice it belongs to, and the customer's name on one line (cut short
    /// with an ellipsis when it would reach the title; the first page shows it in full), so the heading keeps its height.
    /// </summary>
    private static void DrawContinuationHeading(InvoicePdfCanvas canvas, InvoiceView view)
    {
        var title = $"{view.Title} {view.Number}";
        canvas.Text(title, InvoicePdfCanvas.Left, canvas.Y + 10, 10, bold: true);
        var room = InvoicePdfCanvas.Right - InvoicePdfCanvas.Left - canvas.Width(title, 10, bold: true) - 24;
        canvas.TextRight(canvas.Fit(view.CustomerName, 9, room), InvoicePdfCanvas.Right, canvas.Y + 10, 9, color: InvoicePdfCanvas.Muted);
        canvas.Y += 28;
    }

    private static void DrawTotals(InvoicePdfCanvas canvas, InvoiceView view)
    {
        const double width = InvoicePdfCanvas.Right - FactLabelX;
        var rows = view.Totals.Select(fact => (Fact: fact, Label: canvas.Wrap(fact.Label, Size, width - 100, fact.Strong))).ToList();
        if (canvas.EnsureRoom(rows.Sum(row => (row.Label.Count * Leading) + (row.Fact.Strong ? 6 : 2))))
        {
            DrawContinuationHeading(canvas, view);
        }

        foreach (var (fact, label) in rows)
        {
            if (fact.Strong)
            {
                canvas.Rule(FactLabelX, InvoicePdfCanvas.Right, canvas.Y, 0.8, InvoicePdfCanvas.Ink);
                canvas.Y += 4;
            }

            var baseline = canvas.Y + Size;
            canvas.TextRight(fact.Value, InvoicePdfCanvas.Right, baseline, Size, fact.Strong);
            foreach (var line in label)
            {
                canvas.Text(line, FactLabelX, canvas.Y + Size, Size, fact.Strong, fact.Strong ? InvoicePdfCanvas.Ink : InvoicePdfCanvas.Muted);
                canvas.Y += Leading;
            }

            canvas.Y += 2;
        }

        canvas.Y += 18;
    }

    private static void DrawPayment(InvoicePdfCanvas canvas, InvoiceView view)
    {
        var note = canvas.Wrap(view.Labels.PaymentNote, 8.5, InvoicePdfCanvas.Right - InvoicePdfCanvas.Left);
        if (canvas.EnsureRoom(30 + (view.Payment.Count * Leading) + (note.Count * 11) + 8))
        {
            DrawContinuationHeading(canvas, view);
        }

        canvas.Rule(InvoicePdfCanvas.Left, InvoicePdfCanvas.Right, canvas.Y);
        canvas.Y += 16;
        canvas.Text(view.Labels.PaymentInstructions.ToUpperInvariant(), InvoicePdfCanvas.Left, canvas.Y, 7.5, bold: true, InvoicePdfCanvas.Muted);
        canvas.Y += 14;
        foreach (var fact in view.Payment)
        {
            canvas.Text(fact.Label, InvoicePdfCanvas.Left, canvas.Y, Size, color: InvoicePdfCanvas.Muted);
            canvas.Text(fact.Value, InvoicePdfCanvas.Left + 90, canvas.Y, Size);
            canvas.Y += Leading;
        }

        canvas.Y += 4;
        foreach (var line in note)
        {
            canvas.Text(line, InvoicePdfCanvas.Left, canvas.Y, 8.5, color: InvoicePdfCanvas.Muted);
            canvas.Y += 11;
        }
    }
}
