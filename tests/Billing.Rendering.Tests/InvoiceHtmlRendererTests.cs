using System.Xml.Linq;
using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

public sealed class InvoiceHtmlRendererTests
{
    private const string Doctype = "<!DOCTYPE html>\n";
    private readonly InvoiceHtmlRenderer renderer = new();

    [Fact]
    public void The_same_document_renders_byte_identical_html_twice()
    {
        var first = renderer.RenderUtf8(SampleInvoices.English());
        var second = renderer.RenderUtf8(SampleInvoices.English());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Html_is_well_formed_markup_after_its_doctype()
    {
        var html = renderer.Render(SampleInvoices.English());

        Assert.StartsWith(Doctype, html, StringComparison.Ordinal);
        var page = XDocument.Parse(html[Doctype.Length..]);
        Assert.Equal("html", page.Root!.Name.LocalName);
        Assert.Equal("en", page.Root.Attribute("lang")!.Value);
    }

    [Fact]
    public void Html_shows_the_number_the_lines_the_totals_and_the_payment_reference()
    {
        var html = renderer.Render(SampleInvoices.English());

        Assert.Contains("<h1>Invoice</h1>", html, StringComparison.Ordinal);
        Assert.Contains("INV-2026-000042", html, StringComparison.Ordinal);
        foreach (var code in new[] { "calls", "storage", "support" })
        {
            Assert.Contains($"<td class=\"code\">{code}</td>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<th>Total</th><td>CNY 1,368.44</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Balance due</th><td>CNY 1,268.44</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Discount (WELCOME150)</th><td>-150.00</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Tax (13%)</th><td>157.43</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Reference</th><td>INV-2026-000042</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_shows_tier_slices_pack_and_quota_coverage_and_proration_as_sub_rows()
    {
        var html = renderer.Render(SampleInvoices.English());

        Assert.Contains("Usage: 2000", html, StringComparison.Ordinal);
        Assert.Contains("Covered by prepaid packs: 300", html, StringComparison.Ordinal);
        Assert.Contains("Covered by free quota: 200", html, StringComparison.Ordinal);
        Assert.Contains("Tier 0–1000: 1000 × 0.01 = 10.00", html, StringComparison.Ordinal);
        Assert.Contains("Tier 1000–1500: 500 × 0.005 = 2.50", html, StringComparison.Ordinal);
        Assert.Contains("Prorated: 15 of 31 days", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_are_shown_in_the_tenant_time_zone_and_name_it()
    {
        var html = renderer.Render(SampleInvoices.English());

        // Issued 2026-01-31T16:30Z is already February 1st in Shanghai.
        Assert.Contains("<th>Issue date</th><td>2026-02-01 (Asia/Shanghai)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Due date</th><td>2026-02-15 (Asia/Shanghai)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_text_is_html_encoded_so_markup_in_a_name_stays_text()
    {
        var document = SampleInvoices.English() with
        {
            Customer = new InvoiceCustomer("cust-x", "<script>alert('x')</script> & Co", "x@example.test"),
        };

        var html = renderer.Render(document);

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.Contains("Acme &amp; Sons &lt;Analytics&gt;", renderer.Render(SampleInvoices.English()), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_self_contained_without_scripts_or_external_assets()
    {
        var html = renderer.Render(SampleInvoices.English());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_zh_CN_invoice_uses_the_Chinese_template_and_keeps_the_Chinese_customer_name()
    {
        var html = renderer.Render(SampleInvoices.Chinese());

        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>发票</h1>", html, StringComparison.Ordinal);
        Assert.Contains(SampleInvoices.ChineseCustomer, html, StringComparison.Ordinal);
        foreach (var label in new[] { "账单寄送至", "账期", "到期日", "小计", "折扣", "税额", "合计", "已付", "应付余额", "付款方式" })
        {
            Assert.Contains(label, html, StringComparison.Ordinal);
        }

        XDocument.Parse(html[Doctype.Length..]);
    }

    [Fact]
    public void Yen_amounts_have_no_decimals()
    {
        var html = renderer.Render(SampleInvoices.Yen());

        Assert.Contains("<td class=\"num\">1,200</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Total</th><td>JPY 1,320</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1,200.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1,320.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prepaid_invoice_has_no_period()
    {
        var html = renderer.Render(SampleInvoices.English() with { Kind = Billing.Domain.Invoicing.InvoiceKind.Prepaid, PeriodName = null });

        Assert.Contains("Prepaid invoice", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th>Period</th>", html, StringComparison.Ordinal);
    }
}
