using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Billing.Application.Email.Mime;

/// <summary>
/// Writes an <see cref="EmailMessage"/> as an RFC 5322 / MIME message (an <c>.eml</c> file) with MimeKit: all ASCII
/// (non-ASCII header text as RFC 2047 encoded words, non-ASCII file names as RFC 2231 parameters) with CRLF line ends
/// and header lines folded at 78 characters: <c>multipart/mixed</c> holding a <c>multipart/alternative</c>
/// (<c>text/plain</c>, then <c>text/html</c> when there is one; UTF-8, base64) and the attachments (base64,
/// <c>Content-Disposition: attachment</c>). Without attachments the mixed level is left out, without HTML the
/// alternative level. The message id, categories and custom arguments travel as <c>X-Billing-*</c> headers.
/// Deterministic: the same message and date give the same bytes (boundaries and Message-ID derive from
/// <see cref="EmailMessage.MessageId"/>).
/// </summary>
public static class EmlWriter
{
    private const string AtextSpecials = "!#$%&'*+-/=?^_`{|}~";

    private static readonly FormatOptions Format = CreateFormat();

    public static byte[] Write(EmailMessage message, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId)));
        var email = new MimeMessage
        {
            Date = date.ToUniversalTime(),
            Subject = message.Subject,
            MessageId = MessageIdHeader(message, digest)[1..^1],
        };
        email.From.Add(Mailbox(message.From));
        email.To.AddRange(message.To.Select(Mailbox));
        email.Headers.Add("X-Billing-Message-Id", message.MessageId);
        if (message.Categories.Count > 0)
        {
            email.Headers.Add("X-Billing-Categories", string.Join(", ", message.Categories));
        }

        foreach ((string key, string value) in message.CustomArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            email.Headers.Add("X-Billing-Arg-" + key, value);
        }

        MimeEntity body = Body(message, digest);
        if (message.Attachments.Count > 0)
        {
            var mixed = new Multipart("mixed") { Boundary = Boundary("mixed", digest) };
            mixed.Add(body);
            foreach (EmailAttachment attachment in message.Attachments)
            {
                mixed.Add(new MimePart(ContentType.Parse(attachment.ContentType))
                {
                    Content = new MimeContent(new MemoryStream(attachment.Content.ToArray(), writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = attachment.FileName,
                });
            }

            body = mixed;
        }

        email.Body = body;
        using var output = new MemoryStream();
        email.WriteTo(Format, output);
        return output.ToArray();
    }

    /// <summary>
    /// <c>&lt;{messageId}@{sender's domain}&gt;</c> when the id is a short dot-atom (as <c>invoice/INV-2026-000001</c>
    /// is), else <c>&lt;sha256-{32 hex}@{domain}&gt;</c>: the same message id always gives the same Message-ID.
    /// </summary>
    public static string MessageIdHeader(EmailMessage message, string? digest = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        digest ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId)));
        string id = message.MessageId;
        bool dotAtom = id.Length <= 40 && id[0] != '.' && id[^1] != '.' && !id.Contains("..", StringComparison.Ordinal)
            && id.All(c => c == '.' || char.IsAsciiLetterOrDigit(c) || AtextSpecials.Contains(c, StringComparison.Ordinal));
        string domain = message.From.Domain;
        bool domainOk = domain.Length <= 30 && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
        return "<" + (dotAtom ? id : "sha256-" + digest[..32]) + "@" + (domainOk ? domain : "billing.invalid") + ">";
    }

    private static MimeEntity Body(EmailMessage message, string digest)
    {
        TextPart text = Text(TextFormat.Plain, message.TextBody);
        if (message.HtmlBody is null)
        {
            return text;
        }

        var alternative = new MultipartAlternative { Boundary = Boundary("alt", digest) };
        alternative.Add(text);
        alternative.Add(Text(TextFormat.Html, message.HtmlBody));
        return alternative;
    }

    private static TextPart Text(TextFormat format, string content)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, content);
        return part;
    }

    private static MailboxAddress Mailbox(EmailAddress address) =>
        new(string.IsNullOrWhiteSpace(address.DisplayName) ? null : address.DisplayName.Trim(), address.Address);

    // "=_" cannot occur in base64 text, so no part's content can ever contain a boundary line.
    private static string Boundary(string purpose, string digest) => $"=_billing_{purpose}_{digest[..24]}";

    private static FormatOptions CreateFormat()
    {
        FormatOptions format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        format.ParameterEncodingMethod = ParameterEncodingMethod.Rfc2231;
        return format;
    }
}
