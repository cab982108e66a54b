using System.Text;

namespace Billing.Application.Rendering;

/// <summary>
/// Renders an invoice as one self-contained, printable HTML5 page: inline CSS, no scripts, no external
/// assets, every piece of text HTML-encoded. The output depends on the document alone (no rendering time,
/// no generated ids), so the same document always gives the same string; it is also well-formed XML
/// after its doctype, which keeps it checkable.
/// </summary>
public sealed class InvoiceHtmlRenderer
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The page as a string with <c>\n</c> line ends.</summary>
    public string Render(InvoiceDocument document)
    {
        var view = InvoiceView.Of(document);
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n")
            .Append("<html lang=\"").Append(Encode(view.Labels.HtmlLanguage)).Append("\">\n")
            .Append("<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(Encode($"{view.Title} {view.Number}")).Append("</title>\n")
            .Append("<style>\n").Append(InvoiceHtmlStyle.Css).Append("</style>\n</head>\n<body>\n<main class=\"invoice\">\n");

        AppendHeader(html, view);
        AppendParties(html, view);
        AppendLines(html, view);
        AppendFacts(html, "totals", view.Totals);
        AppendPayment(html, view);

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The page as UTF-8 bytes without a byte order mark, as stored and hashed.</summary>
    public byte[] RenderUtf8(InvoiceDocument document) => Utf8NoBom.GetBytes(Render(document));

    private static void AppendHeader(StringBuilder html, InvoiceView view)
    {
        html.Append("<header class=\"top\">\n<section class=\"issuer\">\n")
            .Append("<p class=\"issuer-name\">").Append(Encode(view.IssuerName)).Append("</p>\n");
        foreach (var line in view.IssuerLines)
        {
            html.Append("<p>").Append(Encode(line)).Append("</p>\n");
        }

        html.Append("</section>\n<section class=\"heading\">\n")
            .Append("<h1>").Append(Encode(view.Title)).Append("</h1>\n")
            .Append("<p class=\"kind\">").Append(Encode(view.Kind)).Append("</p>\n")
            .Append("<p class=\"number\">").Append(Encode(view.Number)).Append("</p>\n")
            .Append("<p class=\"status\">").Append(Encode(view.Status)).Append("</p>\n")
            .Append("</section>\n</header>\n");
    }

    private static void AppendParties(StringBuilder html, InvoiceView view)
    {
        html.Append("<section class=\"parties\">\n<section class=\"bill-to\">\n")
            .Append("<h2>").Append(Encode(view.Labels.BillTo)).Append("</h2>\n")
            .Append("<p class=\"customer-name\">").Append(Encode(view.CustomerName)).Append("</p>\n");
        foreach (var line in view.CustomerLines)
        {
            html.Append("<p>").Append(Encode(line)).Append("</p>\n");
        }

        html.Append("</section>\n");
        AppendFacts(html, "facts", view.Facts);
        html.Append("</section>\n");
    }

    private static void AppendLines(StringBuilder html, InvoiceView view)
    {
        html.Append("<table class=\"lines\">\n<thead>\n<tr>");
        for (var i = 0; i < view.ColumnHeadings.Count; i++)
        {
            html.Append(i >= 2 ? "<th class=\"num\">" : "<th>").Append(Encode(view.ColumnHeadings[i])).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        if (view.Rows.Count == 0)
        {
            html.Append("<tr class=\"line\"><td colspan=\"5\">").Append(Encode(view.Labels.NoCharges)).Append("</td></tr>\n");
        }

        foreach (var row in view.Rows)
        {
            html.Append("<tr class=\"line\"><td class=\"code\">").Append(Encode(row.Code))
                .Append("</td><td>").Append(Encode(row.Description))
                .Append("</td><td class=\"num\">").Append(Encode(row.Quantity))
                .Append("</td><td class=\"num\">").Append(Encode(row.UnitPrice))
                .Append("</td><td class=\"num\">").Append(Encode(row.Amount)).Append("</td></tr>\n");
            foreach (var detail in row.Details)
            {
                html.Append("<tr class=\"detail\"><td></td><td colspan=\"4\">").Append(Encode(detail)).Append("</td></tr>\n");
            }
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendFacts(StringBuilder html, string cssClass, IReadOnlyList<InvoiceView.Fact> facts)
    {
        html.Append("<table class=\"").Append(cssClass).Append("\">\n<tbody>\n");
        foreach (var fact in facts)
        {
            html.Append(fact.Strong ? "<tr class=\"strong\">" : "<tr>")
                .Append("<th>").Append(Encode(fact.Label)).Append("</th>")
                .Append("<td>").Append(Encode(fact.Value)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendPayment(StringBuilder html, InvoiceView view)
    {
        html.Append("<section class=\"payment\">\n")
            .Append("<h2>").Append(Encode(view.Labels.PaymentInstructions)).Append("</h2>\n");
        AppendFacts(html, "payment-account", view.Payment);
        html.Append("<p>").Append(Encode(view.Labels.PaymentNote)).Append("</p>\n</section>\n");
    }

    /// <summary>
    /// Escapes the five characters that can change markup (<c>&amp; &lt; &gt; " '</c>); every other character,
    /// CJK and symbols such as × included, is written as itself in the UTF-8 page.
    /// </summary>
    private static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }
}
