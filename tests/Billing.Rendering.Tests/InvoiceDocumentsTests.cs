using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Domain.Pricing;
using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

public sealed class InvoiceDocumentsTests
{
    private static readonly Currency Cny = Currency.Of("CNY");

    private static Invoice UsageInvoice()
    {
        var lines = new[]
        {
            new InvoiceLine("calls", 1500m, 12.5m, new LineDetail(
                "graduated", "api_calls", 2000m, 300m, 200m,
                [new TierSlice(0m, 1000m, 1000m, 0.01m, 10m), new TierSlice(1000m, 1500m, 500m, 0.005m, 2.5m)],
                null, 12.5m)),
            new InvoiceLine("support", 1m, 50m),
        };
        var coupons = new[] { new Coupon("TENOFF", 10m, null, null) };
        return new Invoice(
            "cust-acme",
            InvoiceKind.Usage,
            "2026-01",
            new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero),
            Cny,
            lines,
            InvoiceTotals.Compute(lines, coupons, 0.06m, Cny),
            ["TENOFF"]);
    }

    [Fact]
    public void A_domain_invoice_becomes_a_document_with_its_totals_coupons_and_line_breakdowns()
    {
        var document = InvoiceDocuments.FromInvoice(
            UsageInvoice(), "INV-2026-000007", SampleInvoices.Issuer, new InvoiceCustomer("cust-acme", "Acme", "ap@acme.example"),
            "en", "Asia/Shanghai", taxRate: 0.06m, paid: 10m);

        Assert.Equal("INV-2026-000007", document.Number);
        Assert.Equal("2026-01", document.PeriodName);
        Assert.Equal(62.5m, document.Subtotal);
        Assert.Equal(6.25m, document.Discount.Amount);
        Assert.Equal(["TENOFF"], document.Discount.CouponCodes);
        Assert.Equal(new InvoiceTax(0.06m, 3.38m), document.Tax);
        Assert.Equal(59.63m, document.Total);
        Assert.Equal(49.63m, document.BalanceDue);
        Assert.Equal(InvoiceStatus.PartiallyPaid, document.Status);
        Assert.Equal("api_calls", document.Lines[0].Description);
        Assert.Equal(300m, document.Lines[0].Breakdown!.CoveredByPacks);
        Assert.Equal(2, document.Lines[0].Breakdown!.Slices.Count);
        Assert.Null(document.Lines[1].Breakdown);
    }

    [Theory]
    [InlineData(100, 0, InvoiceStatus.Open)]
    [InlineData(100, 40, InvoiceStatus.PartiallyPaid)]
    [InlineData(100, 100, InvoiceStatus.Paid)]
    [InlineData(0, 0, InvoiceStatus.Paid)]
    public void Status_follows_what_has_been_paid(int total, int paid, InvoiceStatus expected) =>
        Assert.Equal(expected, InvoiceDocuments.StatusOf(total, paid));

    [Theory]
    [InlineData("en", "Invoice")]
    [InlineData("zh-CN", "发票")]
    [InlineData("zh-cn", "发票")]
    [InlineData("zh-Hans", "发票")]
    [InlineData("fr", "Invoice")]
    public void The_template_language_follows_the_locale(string locale, string title) =>
        Assert.Equal(title, InvoiceLabels.For(locale).Invoice);
}
