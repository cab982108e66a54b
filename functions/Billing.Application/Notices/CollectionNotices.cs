using System.Globalization;
using Billing.Domain.Accounts;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Application.Email;
using Billing.Storage;
using Billing.Storage.Invoicing;
using Billing.Storage.Usage;
using Billing.Workflows.Timeline;
using Microsoft.Extensions.Options;

namespace Billing.Application.Notices;

/// <summary>
/// The emails of collection actions, in the customer's language (English or Simplified Chinese), subject and body:
/// a dunning reminder names the invoice, its total, the amount still due, the due date in the catalog's time zone and
/// how to pay, with the invoice PDF attached (once it is rendered); throttle and suspend say why and from when (local
/// time) and how to pay; restore says from when; credit and pack alerts say what happened and when. Credit-limit news
/// (warning, suspend, restore) is also copied to the account manager. Message ids are deterministic, <c>{action}/{customer}/{period}/{ticks of the instant}</c>, so a rerun of a
/// step sends nothing more.
/// </summary>
public sealed partial class CollectionNotices(
    InvoiceStore invoices,
    IStorageAccount storage,
    BillingDirectory directory,
    IEmailSender email,
    IOptions<IssuerOptions> issuer,
    ILogger<CollectionNotices> logger)
{
    /// <summary>
    /// Sends the notice of <paramref name="entry"/> (remind, throttle, suspend, restore, or the alerts credit_warning, pack_low
    /// and pack_expiring) to <paramref name="customer"/>, in the language of <paramref name="profile"/> (both as the documents in
    /// force for the entry's period name them).
    /// </summary>
    public async Task SendAsync(Customer customer, CustomerProfile profile, TimelineEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(entry);
        var settings = issuer.Value;
        ArgumentNullException.ThrowIfNull(profile);
        var texts = NoticeTexts.For(profile.Locale);
        var zone = (await directory.CatalogAsync(ct))?.Catalog.TimeZone ?? TimeZoneInfo.Utc;
        var at = LocalTimes.DateTime(entry.At, zone);
        var payment = new NoticePayment(settings.Bank, settings.Account);
        var messageId = string.Create(CultureInfo.InvariantCulture, $"{entry.Action}/{customer.Id}/{entry.Period ?? entry.Pack}/{entry.At.UtcTicks}");

        string subject, body;
        var attachments = new List<EmailAttachment>();
        if (entry.Action is TimelineAction.CreditWarning or TimelineAction.PackLow or TimelineAction.PackExpiring)
        {
            var pack = entry.Pack ?? string.Empty;
            (subject, body) = entry.Action switch
            {
                TimelineAction.CreditWarning => texts.CreditWarning(customer.Name, at, settings.Name),
                TimelineAction.PackLow => texts.PackLow(customer.Name, pack, at, settings.Name),
                _ => texts.PackExpiring(
                    customer.Name,
                    pack,
                    customer.Packs.FirstOrDefault(p => p.Code == pack) is { } found ? LocalTimes.DateTime(found.ValidTo, zone) : at,
                    settings.Name),
            };
        }
        else if (entry.Cause == TimelineCause.CreditLimit)
        {
            var restored = entry.Action == TimelineAction.Restore;
            (subject, body) = restored
                ? (texts.CreditRestoreSubject(), texts.CreditRestoreBody(customer.Name, at, settings.Name))
                : (texts.CreditSuspendSubject(), texts.CreditSuspendBody(customer.Name, at, settings.Name));
        }
        else
        {
            var stored = entry.Period is { } period ? await invoices.GetAsync(customer.Id, "usage/" + period, ct) : null;
            var invoice = stored is null ? null : NoticeInvoices.Of(stored.Number, stored.Period, stored.Total, stored.Paid, stored.DueAt, stored.Currency, profile.Locale, zone);
            if (invoice is null && entry.Action != TimelineAction.Restore)
            {
                // Dunning runs only for issued invoices, which are stored before collections act; an email without its invoice would say nothing.
                LogNoInvoice(entry.Action, customer.Id, entry.Period);
                return;
            }

            (subject, body) = entry.Action switch
            {
                TimelineAction.Remind => (texts.ReminderSubject(invoice!, entry.At > stored!.DueAt), texts.ReminderBody(customer.Name, invoice!, entry.At > stored.DueAt, payment, settings.Name)),
                TimelineAction.Throttle => (texts.ThrottleSubject(invoice!), texts.ThrottleBody(customer.Name, invoice!, at, payment, settings.Name)),
                TimelineAction.Suspend => (texts.SuspendSubject(invoice!), texts.SuspendBody(customer.Name, invoice!, at, payment, settings.Name)),
                _ => (texts.RestoreSubject(), texts.RestoreBody(customer.Name, invoice, at, settings.Name)),
            };
            if (entry.Action == TimelineAction.Remind && await PdfAsync(stored!, ct) is { } pdf)
            {
                attachments.Add(EmailAttachment.Pdf(stored!.Number + ".pdf", pdf));
            }
        }

        if (customer.Email.Length > 0)
        {
            await email.SendAsync(
                new EmailMessage
                {
                    MessageId = messageId,
                    From = new EmailAddress(settings.Email, settings.Name),
                    To = [new EmailAddress(customer.Email, customer.Name)],
                    Subject = subject,
                    TextBody = body,
                    Attachments = attachments,
                },
                ct);
        }

        if (entry.Cause == TimelineCause.CreditLimit && profile.AccountManagerEmail is { } manager)
        {
            await email.SendAsync(
                new EmailMessage
                {
                    MessageId = messageId + "/manager",
                    From = new EmailAddress(settings.Email, settings.Name),
                    To = [new EmailAddress(manager)],
                    Subject = $"[{customer.Id}] {subject}",
                    TextBody = body,
                },
                ct);
        }
    }

    /// <summary>The stored PDF of the invoice, or null while it is not rendered yet.</summary>
    private async Task<byte[]?> PdfAsync(StoredInvoice invoice, CancellationToken ct)
    {
        var name = KeyEscaping.Escape(invoice.Customer) + "/" + KeyEscaping.Escape(invoice.Number) + ".pdf";
        try
        {
            return (await storage.GetBlobContainerClient(Settlement.InvoiceDelivery.Container).DownloadContentAsync(name, ct)).Content.ToArray();
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Action} email for {Customer}: the invoice for {Period} is not stored")]
    private partial void LogNoInvoice(string action, string customer, string? period);
}
