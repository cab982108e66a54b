using System.Security.Cryptography;
using System.Text;

namespace Billing.Functions.Email.Mime;

/// <summary>
/// Writes an <see cref="EmailMessage"/> as an RFC 5322 / MIME message (an <c>.eml</c> file), all ASCII with CRLF
/// line ends and no line over 78 characters: <c>multipart/mixed</c> holding a <c>multipart/alternative</c>
/// (<c>text/plain</c>, then <c>text/html</c> when there is one; UTF-8, base64) and the attachments (base64,
/// <c>Content-Disposition: attachment</c>). Without attachments the mixed level is left out, without HTML the
/// alternative level. Deterministic: the same message and date give the same bytes (boundaries and Message-ID
/// derive from <see cref="EmailMessage.MessageId"/>).
/// </summary>
public static class EmlWriter
{
    private const int Base64LineLength = 76;

    public static byte[] Write(EmailMessage message, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId)));
        var output = new StringBuilder(1024 + (message.Attachments.Sum(a => a.Content.Length) * 4 / 3));

        MimeHeaders.Write(output, "Date", [MimeHeaders.Date(date)]);
        MimeHeaders.Write(output, "From", MimeHeaders.AddressList([message.From]));
        MimeHeaders.Write(output, "To", MimeHeaders.AddressList(message.To));
        MimeHeaders.Write(output, "Subject", MimeHeaders.Unstructured(message.Subject));
        MimeHeaders.Write(output, "Message-ID", [MessageIdHeader(message, digest)]);
        MimeHeaders.Write(output, "MIME-Version", ["1.0"]);
        MimeHeaders.Write(output, "X-Billing-Message-Id", MimeHeaders.Unstructured(message.MessageId));
        if (message.Categories.Count > 0)
        {
            MimeHeaders.Write(output, "X-Billing-Categories", MimeHeaders.Unstructured(string.Join(", ", message.Categories)));
        }

        foreach ((string key, string value) in message.CustomArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            MimeHeaders.Write(output, "X-Billing-Arg-" + key, value.Length == 0 ? [] : MimeHeaders.Unstructured(value));
        }

        if (message.Attachments.Count == 0)
        {
            WriteBody(output, message, digest);
            return Encoding.ASCII.GetBytes(output.ToString());
        }

        string mixed = Boundary("mixed", digest);
        MimeHeaders.Write(output, "Content-Type", ["multipart/mixed;", $"boundary=\"{mixed}\""]);
        output.Append(MimeHeaders.NewLine);
        output.Append("--").Append(mixed).Append(MimeHeaders.NewLine);
        WriteBody(output, message, digest);
        foreach (EmailAttachment attachment in message.Attachments)
        {
            output.Append("--").Append(mixed).Append(MimeHeaders.NewLine);
            MimeHeaders.Write(output, "Content-Type", [attachment.ContentType + ";", .. MimeHeaders.Parameter("name", MimeHeaders.AsciiStandIn(attachment.FileName))]);
            MimeHeaders.Write(output, "Content-Transfer-Encoding", ["base64"]);
            MimeHeaders.Write(output, "Content-Disposition", ["attachment;", .. MimeHeaders.Parameter("filename", attachment.FileName)]);
            output.Append(MimeHeaders.NewLine);
            AppendBase64(output, attachment.Content.Span);
        }

        output.Append("--").Append(mixed).Append("--").Append(MimeHeaders.NewLine);
        return Encoding.ASCII.GetBytes(output.ToString());
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
            && id.All(c => c == '.' || MimeHeaders.IsAtext(c));
        string domain = message.From.Domain;
        bool domainOk = domain.Length <= 30 && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
        return "<" + (dotAtom ? id : "sha256-" + digest[..32]) + "@" + (domainOk ? domain : "billing.invalid") + ">";
    }

    private static void WriteBody(StringBuilder output, EmailMessage message, string digest)
    {
        if (message.HtmlBody is null)
        {
            WriteText(output, "text/plain", message.TextBody);
            return;
        }

        string alternative = Boundary("alt", digest);
        MimeHeaders.Write(output, "Content-Type", ["multipart/alternative;", $"boundary=\"{alternative}\""]);
        output.Append(MimeHeaders.NewLine);
        output.Append("--").Append(alternative).Append(MimeHeaders.NewLine);
        WriteText(output, "text/plain", message.TextBody);
        output.Append("--").Append(alternative).Append(MimeHeaders.NewLine);
        WriteText(output, "text/html", message.HtmlBody);
        output.Append("--").Append(alternative).Append("--").Append(MimeHeaders.NewLine);
    }

    private static void WriteText(StringBuilder output, string type, string text)
    {
        MimeHeaders.Write(output, "Content-Type", [type + ";", "charset=utf-8"]);
        MimeHeaders.Write(output, "Content-Transfer-Encoding", ["base64"]);
        output.Append(MimeHeaders.NewLine);
        AppendBase64(output, Encoding.UTF8.GetBytes(text));
    }

    private static void AppendBase64(StringBuilder output, ReadOnlySpan<byte> content)
    {
        string encoded = Convert.ToBase64String(content);
        for (int start = 0; start < encoded.Length; start += Base64LineLength)
        {
            output.Append(encoded, start, Math.Min(Base64LineLength, encoded.Length - start)).Append(MimeHeaders.NewLine);
        }
    }

    // "=_" cannot occur in base64 text, so no part's content can ever contain a boundary line.
    private static string Boundary(string purpose, string digest) => $"=_billing_{purpose}_{digest[..24]}";
}
