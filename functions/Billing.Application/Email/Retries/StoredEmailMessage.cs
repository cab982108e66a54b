using System.Text.Json;

namespace Billing.Application.Email.Retries;

/// <summary>
/// An <see cref="EmailMessage"/> as kept for its retries: every field as sent, attachments as base64. Stored as is,
/// even when it would not pass <see cref="EmailMessage.Validate"/>, so operators can see what was refused.
/// </summary>
public sealed record StoredEmailMessage(
    string MessageId,
    StoredEmailMessage.Mailbox From,
    IReadOnlyList<StoredEmailMessage.Mailbox> To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<StoredEmailMessage.Attachment> Attachments,
    IReadOnlyList<string> Categories,
    IReadOnlyDictionary<string, string> CustomArgs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StoredEmailMessage Of(EmailMessage message) => new(
        message.MessageId,
        new Mailbox(message.From.Address, message.From.DisplayName),
        message.To.Select(t => new Mailbox(t.Address, t.DisplayName)).ToList(),
        message.Subject,
        message.TextBody,
        message.HtmlBody,
        message.Attachments.Select(a => new Attachment(a.FileName, a.ContentType, a.Content.ToArray())).ToList(),
        message.Categories,
        message.CustomArgs);

    public static StoredEmailMessage Parse(BinaryData json) =>
        json.ToObjectFromJson<StoredEmailMessage>(Json) ?? throw new JsonException("an undelivered email's content is empty");

    public BinaryData ToJson() => BinaryData.FromObjectAsJson(this, Json);

    public EmailMessage ToMessage() => new()
    {
        MessageId = MessageId,
        From = new EmailAddress(From.Address, From.DisplayName),
        To = To.Select(t => new EmailAddress(t.Address, t.DisplayName)).ToList(),
        Subject = Subject,
        TextBody = TextBody,
        HtmlBody = HtmlBody,
        Attachments = Attachments.Select(a => new EmailAttachment(a.FileName, a.ContentType, a.Content)).ToList(),
        Categories = Categories,
        CustomArgs = CustomArgs,
    };

    /// <summary>An address and its display name.</summary>
    public sealed record Mailbox(string Address, string? DisplayName);

    /// <summary>A file name, MIME type and the bytes.</summary>
    public sealed record Attachment(string FileName, string ContentType, byte[] Content);
}
