using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

/// <summary>
/// Where things land on the PDF page: read back word by word with their boxes, no two words overlap, nothing
/// leaves the page, and the footer stays apart from the content above it, whatever the length of names.
/// </summary>
public sealed class InvoicePdfLayoutTests
{
    private readonly InvoicePdfRenderer renderer;

    public InvoicePdfLayoutTests()
    {
        PdfLicensing.Apply(null);
        renderer = new InvoicePdfRenderer();
    }

    public static TheoryData<string> LongNames() => new()
    {
        // 200 characters: the longest customer name the service takes, in words, as one unbroken word, and in Chinese.
        string.Join(' ', Enumerable.Repeat("Northwind Consolidated Holdings", 7)).PadRight(200, 'x')[..200],
        new string('W', 200),
        string.Concat(Enumerable.Repeat("上海云计算科技发展有限公司", 16))[..200],
    };

    [Theory]
    [MemberData(nameof(LongNames))]
    public void A_200_character_customer_name_and_long_address_wrap_without_overlapping_anything_on_any_page(string name)
    {
        var document = SampleInvoices.WithLines(70) with
        {
            Customer = new InvoiceCustomer(
                "cust-long",
                name,
                "accounts.payable.department@very-long-subsidiary-name.northwind-consolidated.example",
                [string.Join(", ", Enumerable.Repeat("Building 7, Harbour Industrial Estate, 1200 Long Road", 3)), "Wan Chai, Hong Kong SAR"]),
        };

        var pdf = renderer.Render(document);

        var (words, width, height) = PdfWords.Read(pdf);
        Assert.True(words.Max(w => w.Page) > 1, "the invoice should run onto a continuation page");
        Assert.All(words, word => Assert.True(
            word.XMin >= 0 && word.YMin >= 0 && word.XMax <= width && word.YMax <= height,
            $"{word} leaves the {width}×{height} page"));

        var overlaps = words.SelectMany((a, i) => words.Skip(i + 1).Where(b => a.Overlaps(b)).Select(b => $"{a} overlaps {b}")).ToList();
        Assert.True(overlaps.Count == 0, string.Join('\n', overlaps.Take(10)));

        // The footer ("INV-… · Page n of m") is the lowest text of each page and keeps clear of the content above it.
        foreach (var page in words.GroupBy(w => w.Page))
        {
            var footerTop = page.Where(w => w.YMin > height - 40).Min(w => w.YMin);
            var contentBottom = page.Where(w => w.YMin < footerTop - 1).Max(w => w.YMax);
            Assert.True(footerTop - contentBottom >= 6, $"page {page.Key}: content ends at {contentBottom}, footer starts at {footerTop}");
        }

        var text = PopplerTools.ExtractText(pdf);
        Assert.Contains("Wan Chai, Hong Kong SAR", text, StringComparison.Ordinal);
    }
}
