namespace Billing.Application.Rendering;

/// <summary>The fixed words of a receipt in one language; the rest is shared with <see cref="InvoiceLabels"/>.</summary>
public sealed class ReceiptLabels
{
    public static ReceiptLabels English { get; } = new()
    {
        Receipt = "Receipt",
        PaidInFull = "Paid in full",
        InvoiceTotal = "Invoice total",
        PaidOn = "Paid on",
        Payment = "Payment",
        Confirmation = number => $"This receipt confirms that invoice {number} is paid in full. Thank you for your payment.",
    };

    public static ReceiptLabels SimplifiedChinese { get; } = new()
    {
        Receipt = "收据",
        PaidInFull = "已全额付清",
        InvoiceTotal = "发票金额",
        PaidOn = "付清时间",
        Payment = "付款编号",
        Confirmation = number => $"兹确认发票 {number} 已全额付清。感谢您的付款。",
    };

    /// <summary>Simplified Chinese where invoices are (<see cref="InvoiceLabels.For"/>), English otherwise.</summary>
    public static ReceiptLabels For(string? locale) =>
        InvoiceLabels.For(locale) == InvoiceLabels.SimplifiedChinese ? SimplifiedChinese : English;

    public required string Receipt { get; init; }
    public required string PaidInFull { get; init; }
    public required string InvoiceTotal { get; init; }
    public required string PaidOn { get; init; }
    public required string Payment { get; init; }

    /// <summary>The closing sentence naming the invoice.</summary>
    public required Func<string, string> Confirmation { get; init; }
}
