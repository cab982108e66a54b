using Billing.Domain.Money;
using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

/// <summary>A paid invoice's receipt: the invoice it settles, what was paid, and when, in the customer's language and local time.</summary>
public sealed class ReceiptPdfRendererTests
{
    private readonly ReceiptPdfRenderer renderer;

    public ReceiptPdfRendererTests()
    {
        PdfLicensing.Apply(null);
        renderer = new ReceiptPdfRenderer(new InvoicePdfRenderer());
    }

    private static ReceiptDocument Receipt(string locale) => new()
    {
        InvoiceNumber = "INV-2026-000042",
        Locale = locale,
        Issuer = SampleInvoices.Issuer,
        Customer = new InvoiceCustomer("cust-acme", locale == "en" ? "Acme & Sons" : SampleInvoices.ChineseCustomer, "ap@acme.example"),
        PeriodName = "2026-01",
        IssuedAt = new DateTimeOffset(2026, 1, 31, 18, 0, 0, TimeSpan.Zero),
        DueAt = new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero),
        TimeZone = "Asia/Shanghai",
        Currency = Currency.Of("CNY"),
        Total = 1211.01m,
        Paid = 1211.01m,
        PaymentId = "pay-1",
        PaidAt = new DateTimeOffset(2026, 2, 20, 2, 0, 0, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("en", "Receipt", "Paid in full")]
    [InlineData("zh-CN", "收据", "已全额付清")]
    public void A_receipt_names_the_invoice_the_amount_paid_and_the_local_time_of_payment(string locale, string title, string paid)
    {
        var pdf = renderer.Render(Receipt(locale));

        Assert.Equal(1, PopplerTools.PageCount(pdf));
        var text = PopplerTools.ExtractText(pdf);
        foreach (var fact in new[] { title, paid, "INV-2026-000042", "2026-01", "CNY 1,211.01", "CNY 0.00", "pay-1", "2026-02-20 10:00 (Asia/Shanghai)", "2026-03-03 (Asia/Shanghai)" })
        {
            Assert.Contains(fact, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("T02:00:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_receipt_renders_to_the_same_bytes()
    {
        Assert.Equal(renderer.Render(Receipt("zh-CN")), renderer.Render(Receipt("zh-CN")));
    }
}
