using System.Text.Json;

namespace Billing.Functions.Email;

/// <summary>
/// The JSON body of SendGrid v3 <c>POST /v3/mail/send</c> for one <see cref="EmailMessage"/>: one personalization
/// holding every recipient, <c>from</c>, <c>subject</c>, <c>content</c> with <c>text/plain</c> first (SendGrid requires
/// that order) then <c>text/html</c>, base64 <c>attachments</c> with disposition <c>attachment</c>, <c>categories</c>,
/// <c>custom_args</c> carrying the message id under <see cref="SendGridEmailSender.MessageIdArgument"/>, and
/// <c>mail_settings.sandbox_mode.enable</c>.
/// </summary>
public static class SendGridMailRequest
{
    public static byte[] Serialize(EmailMessage message, bool sandboxMode)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();

            json.WriteStartArray("personalizations");
            json.WriteStartObject();
            json.WriteStartArray("to");
            foreach (EmailAddress to in message.To)
            {
                WriteAddress(json, to);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WritePropertyName("from");
            WriteAddress(json, message.From);
            json.WriteString("subject", message.Subject);

            json.WriteStartArray("content");
            WriteContent(json, "text/plain", message.TextBody);
            if (message.HtmlBody is not null)
            {
                WriteContent(json, "text/html", message.HtmlBody);
            }

            json.WriteEndArray();

            if (message.Attachments.Count > 0)
            {
                json.WriteStartArray("attachments");
                foreach (EmailAttachment attachment in message.Attachments)
                {
                    json.WriteStartObject();
                    json.WriteBase64String("content", attachment.Content.Span);
                    json.WriteString("type", attachment.ContentType);
                    json.WriteString("filename", attachment.FileName);
                    json.WriteString("disposition", "attachment");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (message.Categories.Count > 0)
            {
                json.WriteStartArray("categories");
                foreach (string category in message.Categories)
                {
                    json.WriteStringValue(category);
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("custom_args");
            foreach ((string key, string value) in message.CustomArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (key != SendGridEmailSender.MessageIdArgument)
                {
                    json.WriteString(key, value);
                }
            }

            json.WriteString(SendGridEmailSender.MessageIdArgument, message.MessageId);
            json.WriteEndObject();

            json.WriteStartObject("mail_settings");
            json.WriteStartObject("sandbox_mode");
            json.WriteBoolean("enable", sandboxMode);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteAddress(Utf8JsonWriter json, EmailAddress address)
    {
        json.WriteStartObject();
        json.WriteString("email", address.Address);
        if (!string.IsNullOrEmpty(address.DisplayName))
        {
            json.WriteString("name", address.DisplayName);
        }

        json.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter json, string type, string value)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
