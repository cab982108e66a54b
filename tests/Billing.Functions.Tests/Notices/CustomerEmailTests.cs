using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;
using Billing.Functions.Tests.Settlement;

namespace Billing.Functions.Tests.Notices;

/// <summary>
/// The emails a customer reads, decoded from the outbox as a mail client would, in English and in Simplified Chinese: the
/// invoice email and its PDF give one local due date; reminders carry the invoice number, the amount due, the local due
/// date, how to pay and the PDF; throttle, suspend and restore are announced with local times; the payment receipt shows
/// local times and attaches the receipt PDF, which is also served by the API.
/// </summary>
public sealed class CustomerEmailTests
{
    // Expected words by language: en, zh-CN.
    private static readonly Dictionary<string, Words> Languages = new(StringComparer.Ordinal)
    {
        ["en"] = new("Payment reminder: invoice", "Amount due: 100.00 CNY", "How to pay: bank transfer to", "Service throttled", "Service suspended", "Service restored", "Paid in full", "We received your payment pay-2", "Prepaid pack p1 is running low"),
        ["zh-CN"] = new("付款提醒：发票", "应付金额：100.00 CNY", "付款方式：银行转账", "服务已限速", "服务已暂停", "服务已恢复", "已全额付清", "我们已于", "资源包 p1 余量不足"),
    };

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Invoice_reminder_status_and_receipt_emails_carry_their_facts_in_local_time_and_the_customer_s_language(string locale)
    {
        var words = Languages[locale];
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json")))!.AsObject();
        scenario["customers"]![0]!["locale"] = locale;
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);
        var february = (await host.GetJsonAsync("/api/customers/beta/invoices")).AsArray().Single(i => i!["period"]?.GetValue<string>() == "2026-02")!;
        var number = february["number"]!.GetValue<string>();

        // Due 2026-03-30T18:00Z, which is 2026-03-31 in Shanghai: the email and the attached invoice say the same date.
        const string dueDate = "2026-03-31 (Asia/Shanghai)";
        var invoiceMail = await OutboxMail.ReadAsync(host, $"invoice/{number}.eml");
        Assert.Contains(dueDate, invoiceMail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-03-30", invoiceMail.Text, StringComparison.Ordinal);
        var invoicePdf = Assert.Single(invoiceMail.Attachments, a => a.FileName == number + ".pdf");
        Assert.Contains(dueDate, PdfText.Extract(invoicePdf.Content), StringComparison.Ordinal);
        Assert.Contains(words.Instructions, invoiceMail.Text, StringComparison.Ordinal);

        // Two reminders (3 days before and on the due date), each a whole letter about the invoice, with its PDF.
        var reminders = await OutboxMail.ListAsync(host, "remind/beta/2026-02/");
        Assert.Equal(2, reminders.Count);
        foreach (var reminder in reminders)
        {
            Assert.StartsWith(words.Reminder, reminder.Subject, StringComparison.Ordinal);
            Assert.Contains(number, reminder.Subject, StringComparison.Ordinal);
            foreach (var fact in new[] { number, words.AmountDue, dueDate, words.Instructions, "Example Bank", "0000 0000 0000" })
            {
                Assert.Contains(fact, reminder.Text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("step", reminder.Text, StringComparison.Ordinal);
            var pdf = Assert.Single(reminder.Attachments);
            Assert.Equal(number + ".pdf", pdf.FileName);
            Assert.Contains(number, PdfText.Extract(pdf.Content), StringComparison.Ordinal);
        }

        // Throttle (due + 7 days), suspend (+14) and restore (on payment) are announced, with Shanghai times.
        var throttle = Assert.Single(await OutboxMail.ListAsync(host, "throttle/beta/2026-02/"));
        Assert.StartsWith(words.Throttled, throttle.Subject, StringComparison.Ordinal);
        Assert.Contains("2026-04-07 02:00 (Asia/Shanghai)", throttle.Text, StringComparison.Ordinal);
        Assert.Contains(number, throttle.Text, StringComparison.Ordinal);
        Assert.Contains(words.AmountDue.Split('：', ':')[^1].Trim(), throttle.Text, StringComparison.Ordinal);
        var suspend = Assert.Single(await OutboxMail.ListAsync(host, "suspend/beta/2026-02/"));
        Assert.StartsWith(words.Suspended, suspend.Subject, StringComparison.Ordinal);
        Assert.Contains("2026-04-14 02:00 (Asia/Shanghai)", suspend.Text, StringComparison.Ordinal);
        var restore = Assert.Single(await OutboxMail.ListAsync(host, "restore/beta/2026-02/"));
        Assert.StartsWith(words.Restored, restore.Subject, StringComparison.Ordinal);
        Assert.Contains("2026-04-20 10:00 (Asia/Shanghai)", restore.Text, StringComparison.Ordinal);

        // The pack alert says which pack and since when, in local time.
        var packLow = Assert.Single(await OutboxMail.ListAsync(host, "pack_low/beta/p1/"));
        Assert.Equal(words.PackLow, packLow.Subject);
        Assert.Contains("2026-02-10 10:00 (Asia/Shanghai)", packLow.Text, StringComparison.Ordinal);

        // The receipt of the payment that settled February: local time, no raw ISO instant, and the receipt PDF attached.
        var receipt = await OutboxMail.ReadAsync(host, "receipt/beta/pay-2.eml");
        Assert.Contains(words.Received, receipt.Text, StringComparison.Ordinal);
        Assert.Contains("2026-04-20 10:00 (Asia/Shanghai)", receipt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("T02:00:00Z", receipt.Text, StringComparison.Ordinal);
        var receiptPdf = Assert.Single(receipt.Attachments);
        Assert.Equal(number + ".receipt.pdf", receiptPdf.FileName);
        var receiptText = PdfText.Extract(receiptPdf.Content);
        foreach (var fact in new[] { number, words.PaidInFull, "2026-04-20 10:00 (Asia/Shanghai)", "CNY 100.00", "pay-2", dueDate })
        {
            Assert.Contains(fact, receiptText, StringComparison.Ordinal);
        }

        Assert.Equal(receiptPdf.Content, await host.GetBytesAsync($"/api/invoices/{number}/receipt.pdf"));

        // Everything the Chinese-speaking customer reads is Chinese: no English sentence in any of their emails.
        if (locale == "zh-CN")
        {
            foreach (var mail in reminders.Concat([invoiceMail, throttle, suspend, restore, receipt, packLow]))
            {
                Assert.DoesNotContain("Dear", mail.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("invoice", mail.Text + mail.Subject, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("payment", mail.Text + mail.Subject, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("prepaid", mail.Text + mail.Subject, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task An_unpaid_invoice_has_no_receipt_and_the_api_says_why()
    {
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.json")))!.AsObject();
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);
        var invoices = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray();
        var open = invoices.Single(i => i!["status"]!.GetValue<string>() == "open")!["number"]!.GetValue<string>();
        var paid = invoices.Single(i => i!["status"]!.GetValue<string>() == "paid")!["number"]!.GetValue<string>();

        using var missing = await host.GetAsync($"/api/invoices/{open}/receipt.pdf");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("not paid in full", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var text = PdfText.Extract(await host.GetBytesAsync($"/api/invoices/{paid}/receipt.pdf"));
        Assert.Contains("Receipt", text, StringComparison.Ordinal);
        Assert.Contains("2026-02-20 10:00 (Asia/Shanghai)", text, StringComparison.Ordinal);
        Assert.Contains("CNY 1,211.01", text, StringComparison.Ordinal);
    }

    private sealed record Words(string Reminder, string AmountDue, string Instructions, string Throttled, string Suspended, string Restored, string PaidInFull, string Received, string PackLow);
}
