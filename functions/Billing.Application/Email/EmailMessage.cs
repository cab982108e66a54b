namespace Billing.Application.Email;

/// <summary>
/// One email to send. <see cref="MessageId"/> is chosen by the caller and deterministic (for example
/// <c>invoice/INV-2026-000001</c>): it is the idempotency key, so a retried step sends the same id again and the
/// outbox keeps one email; SendGrid receives it in <c>custom_args</c> so a duplicate there is recognisable.
/// <see cref="HtmlBody"/> is optional; the text body is always sent first, as the plain alternative.
/// </summary>
public sealed record EmailMessage
{
    public const int MaxCategories = 10;

    public required string MessageId { get; init; }

    public required EmailAddress From { get; init; }

    public required IReadOnlyList<EmailAddress> To { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public string? HtmlBody { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Up to ten labels for the provider's statistics (SendGrid <c>categories</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Extra key/value pairs echoed in provider events; keys are letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(MessageId) || MessageId.Length > 256 || MessageId.Any(char.IsControl))
        {
            throw new ArgumentException("messageId: 1 to 256 characters without control characters are required.", nameof(MessageId));
        }

        ArgumentNullException.ThrowIfNull(From, nameof(From));
        From.Validate("from");
        if (To is null || To.Count == 0)
        {
            throw new ArgumentException("to: at least one recipient is required.", nameof(To));
        }

        for (int i = 0; i < To.Count; i++)
        {
            To[i].Validate($"to[{i}]");
        }

        if (string.IsNullOrWhiteSpace(Subject) || Subject.Any(char.IsControl))
        {
            throw new ArgumentException("subject: a single line of text is required.", nameof(Subject));
        }

        if (string.IsNullOrEmpty(TextBody))
        {
            throw new ArgumentException("textBody: a plain-text body is required (SendGrid refuses empty content).", nameof(TextBody));
        }

        for (int i = 0; i < Attachments.Count; i++)
        {
            Attachments[i].Validate($"attachments[{i}]");
        }

        if (Categories.Count > MaxCategories || Categories.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 255 || c.Any(char.IsControl)))
        {
            throw new ArgumentException($"categories: at most {MaxCategories}, each 1 to 255 characters on one line.", nameof(Categories));
        }

        foreach ((string key, string value) in CustomArgs)
        {
            bool keyOk = key.Length is > 0 and <= 100 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
            if (!keyOk || value is null || value.Any(char.IsControl))
            {
                throw new ArgumentException($"customArgs: '{key}' needs a key of letters, digits, '_', '-', '.' and a one-line value.", nameof(CustomArgs));
            }
        }
    }
}
