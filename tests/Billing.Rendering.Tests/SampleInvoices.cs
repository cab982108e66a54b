using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Domain.Pricing;
using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

/// <summary>Invoice documents the tests render: a detailed English one, a Chinese one, a long one, a yen one.</summary>
internal static class SampleInvoices
{
    public static InvoiceIssuer Issuer { get; } = new(
        "Northwind Cloud Services Ltd.",
        ["12 Harbour Road", "Wan Chai, Hong Kong"],
        "HK-99887766",
        "billing@northwind.example",
        new InvoicePaymentAccount("Hang Seng Bank", "024-123456-001"));

    public static InvoiceDocument English() => new()
    {
        Number = "INV-2026-000042",
        Kind = InvoiceKind.Usage,
        Locale = "en",
        Issuer = Issuer,
        Customer = new InvoiceCustomer("cust-acme", "Acme & Sons <Analytics>", "ap@acme.example"),
        PeriodName = "2026-01",
        IssuedAt = new DateTimeOffset(2026, 1, 31, 16, 30, 0, TimeSpan.Zero),
        DueAt = new DateTimeOffset(2026, 2, 14, 16, 0, 0, TimeSpan.Zero),
        TimeZone = "Asia/Shanghai",
        Currency = Currency.Of("CNY"),
        Lines =
        [
            new InvoiceDocumentLine("calls", "API calls", 1500m, 12.5m, new InvoiceLineBreakdown(
                Usage: 2000m,
                CoveredByPacks: 300m,
                CoveredByFreeQuota: 200m,
                Slices: [new TierSlice(0m, 1000m, 1000m, 0.01m, 10m), new TierSlice(1000m, 1500m, 500m, 0.005m, 2.5m)],
                Proration: null)),
            new InvoiceDocumentLine("storage", "Object storage (GB-month)", 120.5m, 1198.51m),
            new InvoiceDocumentLine("support", "Business support plan", 1m, 150m, new InvoiceLineBreakdown(
                Usage: null, CoveredByPacks: null, CoveredByFreeQuota: null, Slices: [], Proration: new Proration(15, 31))),
        ],
        Subtotal = 1361.01m,
        Discount = new InvoiceDiscount(150m, ["WELCOME150"]),
        Tax = new InvoiceTax(0.13m, 157.43m),
        Total = 1368.44m,
        Paid = 100m,
        Status = InvoiceStatus.PartiallyPaid,
    };

    public const string ChineseCustomer = "上海云计算有限公司";

    public static InvoiceDocument Chinese() => English() with
    {
        Number = "INV-2026-000043",
        Locale = "zh-CN",
        Customer = new InvoiceCustomer("cust-sh", ChineseCustomer, "finance@shcloud.example"),
        Lines =
        [
            new InvoiceDocumentLine("calls", "API 调用次数", 1500m, 12.5m, English().Lines[0].Breakdown),
            new InvoiceDocumentLine("storage", "对象存储（GB·月）", 120.5m, 1198.51m),
            new InvoiceDocumentLine("support", "商业支持服务", 1m, 150m),
        ],
    };

    public static InvoiceDocument WithLines(int count)
    {
        var lines = Enumerable.Range(1, count)
            .Select(i => new InvoiceDocumentLine($"meter-{i:000}", $"Metered service number {i}", i, i * 1.25m))
            .ToList();
        var subtotal = lines.Sum(line => line.Amount);
        return English() with
        {
            Lines = lines,
            Subtotal = subtotal,
            Discount = InvoiceDiscount.None,
            Tax = new InvoiceTax(0m, 0m),
            Total = subtotal,
            Paid = 0m,
            Status = InvoiceStatus.Open,
        };
    }

    public static InvoiceDocument Yen() => English() with
    {
        Number = "INV-2026-000044",
        Currency = Currency.Of("JPY"),
        TimeZone = "Asia/Tokyo",
        Lines = [new InvoiceDocumentLine("calls", "API calls", 1500m, 1200m)],
        Subtotal = 1200m,
        Discount = InvoiceDiscount.None,
        Tax = new InvoiceTax(0.1m, 120m),
        Total = 1320m,
        Paid = 0m,
        Status = InvoiceStatus.Open,
    };
}
