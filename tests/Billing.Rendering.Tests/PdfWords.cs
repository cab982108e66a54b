using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Billing.Rendering.Tests;

/// <summary>One word of a PDF page and its box in points from the page's top left, as <c>pdftotext -bbox</c> reports it.</summary>
internal sealed record PdfWord(int Page, string Text, double XMin, double YMin, double XMax, double YMax)
{
    /// <summary>Whether the two boxes share more than <paramref name="tolerance"/> points both ways (touching edges do not count).</summary>
    public bool Overlaps(PdfWord other, double tolerance = 0.5) =>
        Page == other.Page
        && Math.Min(XMax, other.XMax) - Math.Max(XMin, other.XMin) > tolerance
        && Math.Min(YMax, other.YMax) - Math.Max(YMin, other.YMin) > tolerance;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p{Page} '{Text}' [{XMin:0.#},{YMin:0.#} – {XMax:0.#},{YMax:0.#}]");
}

/// <summary>The words of a rendered PDF with their boxes and each page's size (poppler-utils' <c>pdftotext -bbox</c>).</summary>
internal static class PdfWords
{
    public static (IReadOnlyList<PdfWord> Words, double PageWidth, double PageHeight) Read(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"billing-bbox-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8, UseShellExecute = false };
            foreach (var argument in new[] { "-bbox", "-enc", "UTF-8", file, "-" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start; install poppler-utils");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftotext -bbox exited with {process.ExitCode}: {error.Result}");

            XNamespace xhtml = "http://www.w3.org/1999/xhtml";
            var pages = XDocument.Parse(output).Descendants(xhtml + "page").ToList();
            var words = pages.SelectMany((page, index) => page.Elements(xhtml + "word").Select(word => new PdfWord(
                index + 1,
                word.Value,
                Number(word, "xMin"),
                Number(word, "yMin"),
                Number(word, "xMax"),
                Number(word, "yMax")))).ToList();
            return (words, Number(pages[0], "width"), Number(pages[0], "height"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
