using System.Globalization;
using System.Text;
using Billing.Domain.Payments;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Application.Email;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;
using Billing.Workflows.Scenarios;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// Emails the paying customer a receipt for a recorded payment, in its language (English or Simplified Chinese):
/// the amount as recorded (not rounded; shown with at least the currency's minor digits, grouped by thousands), the payment id and
/// its local time in the catalog's zone, with the receipt PDF (<see cref="InvoiceReceipts"/>) of each invoice it left paid in full attached, what it was for (the named period, or the oldest
/// open invoices), and the standing of the invoices issued so far with the balance still due. Not included: any credit carried
/// to the next invoice (the standing shows every invoice paid). Sent once per payment: the message id is
/// <c>receipt/{customer}/{payment id}</c> (hashed when longer than a message id may be) and the payment's row notes the sending
/// (and that the payment's follow-up is done, also when the payer has no address to send to), so a repeated delivery of the
/// payment sends nothing more; a crash between the email and the note may send it once more on the retry. A receipt the provider
/// refuses or cannot take now, or that is not sendable as it stands, is kept by the email sender and retried in the
/// background (<see cref="Email.Retries.DeferringEmailSender"/>, listed at <c>GET /api/manage/emails/failed</c>): the payment stands and its answer is 201/200.
/// </summary>
public sealed partial class PaymentReceipts(
    PaymentStore payments,
    BillingDirectory directory,
    CustomerProfiles profiles,
    IEmailSender email,
    InvoiceReceipts receipts,
    IOptions<IssuerOptions> issuer,
    TimeProvider clock,
    ILogger<PaymentReceipts> logger)
{
    /// <summary>
    /// Sends the receipt of <paramref name="payment"/>, made by <paramref name="customer"/>, unless it was sent before: a
    /// payment just <see cref="PaymentRecording.Recorded"/> cannot have one yet, so only a repeat reads the note.
    /// </summary>
    public async Task SendAsync(Payment payment, Domain.Accounts.Customer customer, PaymentRecording recording, IReadOnlyList<StoredInvoice> standing, CancellationToken ct)
    {
        if (recording != PaymentRecording.Recorded && await payments.ReceiptSentAsync(payment, ct))
        {
            return;
        }

        var documents = await receipts.IssueAsync(payment, standing, ct);
        if (customer.Email.Length == 0)
        {
            await payments.MarkFollowedUpAsync(payment, null, ct);
            return;
        }

        var catalog = await directory.CatalogAsync(ct);
        var currency = standing.FirstOrDefault()?.Currency ?? catalog?.Catalog.Currency.Code ?? string.Empty;
        var zone = catalog?.Catalog.TimeZone ?? TimeZoneInfo.Utc;
        var locale = (await profiles.GetAsync(payment.Customer, ct)).Locale;
        var chinese = locale == "zh-CN";
        var amount = Format(payment.Amount, currency, locale);
        var settings = issuer.Value;
        try
        {
            var message = new EmailMessage
            {
                MessageId = MessageId(payment),
                From = new EmailAddress(settings.Email, settings.Name),
                To = [new EmailAddress(customer.Email, customer.Name)],
                Subject = chinese ? $"已收到付款：{amount}" : $"Payment received: {amount}",
                TextBody = Body(customer.Name, payment, amount, currency, standing, locale, zone, settings.Name),
                Attachments = [.. documents.Select(d => EmailAttachment.Pdf(d.Number + InvoiceReceipts.Suffix, d.Pdf))],
            };
            await email.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is EmailDeliveryException or ArgumentException)
        {
            // Only a sender without retries throws these; the payment stands, its follow-up stays pending, and the next
            // delivery of it (or a settlement, PaymentFollowUps) tries again.
            LogReceiptNotSent(payment.Id, payment.Customer, ex.Message);
            return;
        }

        await payments.MarkFollowedUpAsync(payment, clock.GetUtcNow(), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt of payment {Payment} for {Customer} not sent; the next delivery of the payment tries again: {Reason}")]
    private partial void LogReceiptNotSent(string payment, string customer, string reason);

    private static string Body(string name, Payment payment, string amount, string currency, IReadOnlyList<StoredInvoice> standing, string locale, TimeZoneInfo zone, string issuerName)
    {
        var text = new StringBuilder();
        var chinese = locale == "zh-CN";
        var at = Notices.LocalTimes.DateTime(payment.At, zone);
        text.Append(chinese ? name + "，您好：\n\n" : "Dear " + name + ",\n\n");
        text.Append(chinese
            ? $"我们已于 {at} 收到您的付款 {payment.Id}，金额 {amount}，用于{(payment.Period is { } p ? $" {p} 账期的发票" : "最早的未结发票")}。\n\n发票状态：\n"
            : $"We received your payment {payment.Id} of {amount} on {at}, applied to {(payment.Period is { } period ? $"the invoice for {period}" : "your oldest open invoices")}.\n\nYour invoices now:\n");
        var due = 0m;
        foreach (var invoice in standing.OrderBy(i => i.Number, StringComparer.Ordinal))
        {
            var open = invoice.Total - invoice.Paid;
            due += invoice.Status == "paid" ? 0m : open;
            var state = invoice.Status == "paid"
                ? chinese ? "已付清" : "paid"
                : chinese ? $"待付 {Format(open, invoice.Currency, locale)}" : $"{Format(open, invoice.Currency, locale)} open";
            var what = invoice.Period ?? (chinese ? "预付" : invoice.Kind);
            text.Append(chinese ? $"  {invoice.Number}（{what}）：{state}\n" : $"  {invoice.Number} ({what}): {state}\n");
        }

        text.Append(chinese
            ? $"\n尚需支付：{Format(due, currency, locale)}\n\n{issuerName}"
            : $"\nBalance due: {Format(due, currency, locale)}\n\n{issuerName}");
        return text.ToString();
    }

    /// <summary><c>receipt/{customer}/{payment id}</c>, or <c>receipt/sha256-{hex}</c> of the two when that would be over 256 characters.</summary>
    private static string MessageId(Payment payment)
    {
        var plain = $"receipt/{payment.Customer}/{payment.Id}";
        return plain.Length <= 256 ? plain : "receipt/sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(payment.Customer + "\n" + payment.Id)));
    }

    /// <summary>
    /// The amount with at least the currency's minor digits and never fewer than it holds (nothing is rounded), grouped by
    /// thousands as the customer's invoices are, then the code.
    /// </summary>
    private static string Format(decimal amount, string currency, string locale)
    {
        var minor = Domain.Money.Currency.TryOf(currency)?.MinorUnits ?? 2;
        return Rendering.InvoiceView.Grouped(amount, Rendering.InvoiceLabels.For(locale), minor) + " " + currency;
    }
}
