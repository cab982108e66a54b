namespace Billing.Application.Email;

/// <summary>
/// SendGrid answered 4xx other than 429: the request is wrong (400), the key is not valid or lacks the Mail Send
/// scope (401/403), or the body is too large (413). Sending it again will not help. Carries SendGrid's messages.
/// </summary>
public sealed class SendGridRejectedException : EmailDeliveryException
{
    public SendGridRejectedException(string messageId, int status, IReadOnlyList<SendGridError> errors)
        : base(SendGridEmailSender.Provider, Describe(messageId, status, errors))
    {
        MessageId = messageId;
        Status = status;
        Errors = errors;
    }

    public string MessageId { get; }

    public int Status { get; }

    public IReadOnlyList<SendGridError> Errors { get; }

    public override bool IsTransient => false;

    private static string Describe(string messageId, int status, IReadOnlyList<SendGridError> errors)
    {
        string details = errors.Count == 0
            ? "no error details"
            : string.Join("; ", errors.Select(e => e.Field is null ? e.Message : $"{e.Field}: {e.Message}"));
        return $"SendGrid refused email '{messageId}' with {status}: {details}";
    }
}
