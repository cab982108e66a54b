using System.Text;
using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

public sealed class InvoicePdfRendererTests
{
    private readonly InvoicePdfRenderer renderer;

    public InvoicePdfRendererTests()
    {
        PdfLicensing.Apply(null);
        renderer = new InvoicePdfRenderer();
    }

    [Fact]
    public void A_rendered_invoice_is_a_pdf_whose_text_has_the_number_the_total_and_the_line_codes()
    {
        var pdf = renderer.Render(SampleInvoices.English());

        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var text = PopplerTools.ExtractText(pdf);
        Assert.Contains("INV-2026-000042", text, StringComparison.Ordinal);
        Assert.Contains("CNY 1,368.44", text, StringComparison.Ordinal);
        Assert.Contains("Acme & Sons <Analytics>", text, StringComparison.Ordinal);
        foreach (var code in new[] { "calls", "storage", "support" })
        {
            Assert.Contains(code, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pdf_text_shows_tier_slices_coverage_coupon_tax_and_payment_instructions()
    {
        var text = PopplerTools.ExtractText(renderer.Render(SampleInvoices.English()));

        Assert.Contains("Tier 0–1000: 1000 × 0.01 = 10.00", text, StringComparison.Ordinal);
        Assert.Contains("Covered by prepaid packs: 300", text, StringComparison.Ordinal);
        Assert.Contains("Covered by free quota: 200", text, StringComparison.Ordinal);
        Assert.Contains("Discount (WELCOME150)", text, StringComparison.Ordinal);
        Assert.Contains("Tax (13%)", text, StringComparison.Ordinal);
        Assert.Contains("Hang Seng Bank", text, StringComparison.Ordinal);
        Assert.Contains("2026-02-15 (Asia/Shanghai)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zh_CN_pdf_carries_extractable_Chinese_text()
    {
        var text = PopplerTools.ExtractText(renderer.Render(SampleInvoices.Chinese()));

        Assert.Contains(SampleInvoices.ChineseCustomer, text, StringComparison.Ordinal);
        Assert.Contains("发票", text, StringComparison.Ordinal);
        Assert.Contains("应付余额", text, StringComparison.Ordinal);
        Assert.Contains("API 调用次数", text, StringComparison.Ordinal);
        Assert.Contains("INV-2026-000043", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_and_twenty_line_invoice_continues_on_further_pages_with_every_line()
    {
        var pdf = renderer.Render(SampleInvoices.WithLines(120));

        Assert.True(PopplerTools.PageCount(pdf) > 1);
        var text = PopplerTools.ExtractText(pdf);
        Assert.Contains("meter-001", text, StringComparison.Ordinal);
        Assert.Contains("meter-120", text, StringComparison.Ordinal);
        Assert.Contains("CNY 9,075.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Yen_amounts_in_the_pdf_have_no_decimals()
    {
        var text = PopplerTools.ExtractText(renderer.Render(SampleInvoices.Yen()));

        Assert.Contains("JPY 1,320", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1,320.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1,200.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_renders_of_the_same_invoice_extract_to_the_same_text()
    {
        var first = PopplerTools.ExtractText(renderer.Render(SampleInvoices.Chinese()));
        var second = PopplerTools.ExtractText(renderer.Render(SampleInvoices.Chinese()));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Two_renders_of_the_same_invoice_are_the_same_bytes()
    {
        var first = renderer.Render(SampleInvoices.Chinese());
        var second = new InvoicePdfRenderer().Render(SampleInvoices.Chinese());

        Assert.Equal(first, second);
        Assert.Equal(PopplerTools.ExtractText(first), PopplerTools.ExtractText(second));
    }

    [Fact]
    public void Different_invoices_get_different_font_subset_tags()
    {
        var english = Encoding.Latin1.GetString(renderer.Render(SampleInvoices.English()));
        var chinese = Encoding.Latin1.GetString(renderer.Render(SampleInvoices.Chinese()));

        var tag = System.Text.RegularExpressions.Regex.Match(english, "/BaseFont/([A-Z]{6})\\+").Groups[1].Value;
        Assert.Equal(6, tag.Length);
        Assert.DoesNotContain("/BaseFont/" + tag + "+", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_document_info_is_fixed_by_the_invoice_not_by_the_time_of_rendering()
    {
        var info = PopplerTools.Info(renderer.Render(SampleInvoices.English()));

        Assert.Matches(@"(?m)^Title:\s+INV-2026-000042$", info);
        Assert.Matches(@"(?m)^CreationDate:\s+2026-01-31T16:30:00Z$", info);
        Assert.Matches(@"(?m)^ModDate:\s+2026-01-31T16:30:00Z$", info);
        Assert.Matches(@"(?m)^Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)", info);
    }

    [Fact]
    public void Every_pdf_renderer_in_a_process_reads_fonts_from_the_same_folders()
    {
        Assert.Throws<InvalidOperationException>(() => new InvoicePdfRenderer(new InvoiceFontFolders("fonts/latin", "fonts/cjk")));
        _ = new InvoicePdfRenderer(InvoiceFontFolders.Debian);
    }
}
