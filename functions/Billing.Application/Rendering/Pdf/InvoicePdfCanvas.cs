using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Billing.Application.Rendering;

/// <summary>
/// A4 pages of one PDF and the few drawing primitives the invoice needs. Text is drawn run by run so CJK
/// characters use the CJK font and the rest the Latin font (<see cref="ScriptRuns"/>); coordinates are in
/// points from the top left, text positioned by its baseline.
/// </summary>
internal sealed class InvoicePdfCanvas(PdfDocument document) : IDisposable
{
    public const double Left = 42;
    public const double Right = 553;
    public const double Top = 48;
    public const double Bottom = 790;
    private const double FooterBaseline = 818;

    public static readonly XColor Ink = XColor.FromArgb(0x1d, 0x23, 0x29);
    public static readonly XColor Muted = XColor.FromArgb(0x5b, 0x66, 0x70);
    public static readonly XColor Hairline = XColor.FromArgb(0xd5, 0xda, 0xde);

    private static readonly XPdfFontOptions UnicodeFonts = new(PdfFontEncoding.Unicode);
    private readonly List<XGraphics> pages = [];
    private readonly Dictionary<(bool Cjk, double Size, bool Bold), XFont> fonts = [];

    /// <summary>Where the next content starts on the current page.</summary>
    public double Y { get; set; }

    public int PageCount => pages.Count;

    private XGraphics Graphics => pages[^1];

    public void NewPage()
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        pages.Add(XGraphics.FromPdfPage(page));
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more points fit above the bottom margin.</summary>
    public bool EnsureRoom(double height)
    {
        if (Y + height <= Bottom)
        {
            return false;
        }

        NewPage();
        return true;
    }

    public double Width(string text, double size, bool bold = false) =>
        ScriptRuns.Split(text).Sum(run => Graphics.MeasureString(run.Text, Font(run.Cjk, size, bold)).Width);

    public void Text(string text, double x, double baseline, double size, bool bold = false, XColor? color = null)
    {
        var brush = new XSolidBrush(color ?? Ink);
        foreach (var (run, cjk) in ScriptRuns.Split(text))
        {
            var font = Font(cjk, size, bold);
            Graphics.DrawString(run, font, brush, x, baseline, XStringFormats.BaseLineLeft);
            x += Graphics.MeasureString(run, font).Width;
        }
    }

    public void TextRight(string text, double right, double baseline, double size, bool bold = false, XColor? color = null) =>
        Text(text, right - Width(text, size, bold), baseline, size, bold, color);

    public void Rule(double from, double to, double y, double thickness = 0.5, XColor? color = null) =>
        Graphics.DrawLine(new XPen(color ?? Hairline, thickness), from, y, to, y);

    /// <summary>
    /// The text broken into lines no wider than <paramref name="width"/>: at spaces, between CJK characters,
    /// and inside a word only when the word alone is too wide.
    /// </summary>
    public List<string> Wrap(string text, double size, double width, bool bold = false)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var token in Tokens(text))
        {
            var candidate = line.ToString() + token;
            if (line.Length == 0 || Width(candidate.TrimEnd(), size, bold) <= width)
            {
                if (line.Length > 0 || !string.IsNullOrWhiteSpace(token))
                {
                    line.Append(token);
                }

                continue;
            }

            lines.Add(line.ToString().TrimEnd());
            line.Clear();
            if (!string.IsNullOrWhiteSpace(token))
            {
                line.Append(token);
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        return [.. lines.SelectMany(wrapped => Width(wrapped, size, bold) <= width ? [wrapped] : BreakWord(wrapped, size, width, bold))];
    }

    /// <summary>The text as it is when it fits in <paramref name="width"/>, else its longest start that fits with "…" appended.</summary>
    public string Fit(string text, double size, double width, bool bold = false)
    {
        if (Width(text, size, bold) <= width)
        {
            return text;
        }

        var fitted = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Width(fitted.ToString() + rune.ToString() + "…", size, bold) > width)
            {
                break;
            }

            fitted.Append(rune.ToString());
        }

        return fitted.ToString().TrimEnd() + "…";
    }

    /// <summary>Writes "page n of m" style footers on every page and releases the pages' drawing surfaces.</summary>
    public void Finish(Func<int, int, string> footer)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var text = footer(i + 1, pages.Count);
            var gfx = pages[i];
            var width = ScriptRuns.Split(text).Sum(run => gfx.MeasureString(run.Text, Font(run.Cjk, 8, false)).Width);
            var x = (Left + Right - width) / 2;
            foreach (var (run, cjk) in ScriptRuns.Split(text))
            {
                var font = Font(cjk, 8, false);
                gfx.DrawString(run, font, new XSolidBrush(Muted), x, FooterBaseline, XStringFormats.BaseLineLeft);
                x += gfx.MeasureString(run, font).Width;
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        foreach (var gfx in pages)
        {
            gfx.Dispose();
        }

        pages.Clear();
    }

    private XFont Font(bool cjk, double size, bool bold)
    {
        if (!fonts.TryGetValue((cjk, size, bold), out var font))
        {
            var family = cjk ? InvoiceFontResolver.CjkFamily : InvoiceFontResolver.LatinFamily;
            font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, UnicodeFonts);
            fonts[(cjk, size, bold)] = font;
        }

        return font;
    }

    /// <summary>Words with their trailing spaces, and each CJK character on its own (CJK text breaks anywhere).</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (ScriptRuns.IsCjk(rune))
            {
                if (token.Length > 0)
                {
                    yield return token.ToString();
                    token.Clear();
                }

                yield return rune.ToString();
                continue;
            }

            if (!Rune.IsWhiteSpace(rune) && token.Length > 0 && char.IsWhiteSpace(token[^1]))
            {
                yield return token.ToString();
                token.Clear();
            }

            token.Append(rune.ToString());
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    private List<string> BreakWord(string word, double size, double width, bool bold)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        foreach (var rune in word.EnumerateRunes())
        {
            if (piece.Length > 0 && Width(piece.ToString() + rune.ToString(), size, bold) > width)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
            }

            piece.Append(rune.ToString());
        }

        pieces.Add(piece.ToString());
        return pieces;
    }
}
