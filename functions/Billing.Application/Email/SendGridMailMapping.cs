using SendGrid.Helpers.Mail;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace Billing.Application.Email;

/// <summary>
/// One <see cref="EmailMessage"/> as the SendGrid SDK's <see cref="SendGridMessage"/>: one personalization holding
/// every recipient, <c>from</c>, <c>subject</c>, the text body then the HTML body (the SDK keeps <c>text/plain</c>
/// first, as SendGrid requires), base64 attachments with disposition <c>attachment</c>, <c>categories</c>,
/// <c>custom_args</c> carrying the message id under <see cref="SendGridEmailSender.MessageIdArgument"/> (it wins over
/// a caller's argument of that name), and <c>mail_settings.sandbox_mode.enable</c> always set.
/// </summary>
public static class SendGridMailMapping
{
    public static SendGridMessage ToSendGrid(EmailMessage message, bool sandboxMode)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = new SendGridMessage
        {
            From = Address(message.From),
            Subject = message.Subject,
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
        };
        mail.AddTos(message.To.Select(Address).ToList());

        foreach (EmailAttachment attachment in message.Attachments)
        {
            mail.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content.Span), attachment.ContentType, "attachment");
        }

        if (message.Categories.Count > 0)
        {
            mail.AddCategories([.. message.Categories]);
        }

        var arguments = message.CustomArgs
            .Where(a => a.Key != SendGridEmailSender.MessageIdArgument)
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        arguments[SendGridEmailSender.MessageIdArgument] = message.MessageId;
        mail.AddGlobalCustomArgs(arguments);
        mail.SetSandBoxMode(sandboxMode);
        return mail;
    }

    private static SendGridAddress Address(EmailAddress address) =>
        new(address.Address, string.IsNullOrEmpty(address.DisplayName) ? null : address.DisplayName);
}
