using Billing.Application.Email;

namespace Billing.Email.Tests.Fixtures;

/// <summary>Invoice emails as the settlement workflow sends them, with a PDF that holds every byte value.</summary>
public static class SampleEmails
{
    /// <summary>When the sample invoices are sent: the fake clocks of these tests start here.</summary>
    public static readonly DateTimeOffset InvoiceDay = new(2026, 2, 3, 9, 30, 0, TimeSpan.Zero);

    public const string ChineseSubject = "发票 INV-2026-000001：2026年1月账单，应付金额 ¥8,888.00，请于2026年2月28日前付款";

    public static byte[] Pdf { get; } =
    [
        .. "%PDF-1.7\n%"u8.ToArray(),
        .. Enumerable.Range(0, 256).Select(b => (byte)b),
        .. "\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8.ToArray(),
    ];

    public static EmailMessage Invoice(string messageId = "invoice/INV-2026-000001", string? subject = null, string fileName = "INV-2026-000001.pdf") => new()
    {
        MessageId = messageId,
        From = new EmailAddress("billing@example.com", "Example Cloud Billing"),
        To = [new EmailAddress("ap@customer.example", "Accounts Payable"), new EmailAddress("cfo@customer.example")],
        Subject = subject ?? "Invoice INV-2026-000001 for January 2026",
        TextBody = "Your invoice INV-2026-000001 for January 2026 is attached.\r\nTotal due: 1,234.56 USD by 2026-02-28.",
        HtmlBody = "<p>Your invoice <b>INV-2026-000001</b> for January 2026 is attached.</p><p>Total due: 1,234.56 USD</p>",
        Attachments = [EmailAttachment.Pdf(fileName, Pdf)],
        Categories = ["invoice"],
        CustomArgs = new Dictionary<string, string> { ["customer"] = "acme", ["invoice_number"] = "INV-2026-000001" },
    };

    public static EmailMessage ChineseInvoice(string messageId = "invoice/INV-2026-000002") => Invoice(messageId, ChineseSubject, "发票-INV-2026-000002-二〇二六年一月.pdf") with
    {
        From = new EmailAddress("billing@example.com", "示例云 计费部"),
        To = [new EmailAddress("caiwu@kehu.example", "财务部")],
        TextBody = "您好，附件是2026年1月的账单，应付金额 ¥8,888.00。",
        HtmlBody = "<p>您好，附件是2026年1月的账单，应付金额 <b>¥8,888.00</b>。</p>",
    };
}
