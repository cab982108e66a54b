namespace Billing.Application.Email;

/// <summary>
/// Sends one email. Implementations: <see cref="SendGridEmailSender"/> (SendGrid v3 <c>mail/send</c>) and
/// <see cref="OutboxEmailSender"/> (RFC 5322 files in the <c>outbox</c> container, the local default).
/// </summary>
public interface IEmailSender
{
    /// <summary>
    /// Sends <paramref name="message"/>, throwing <see cref="ArgumentException"/> for an invalid message and
    /// <see cref="EmailDeliveryException"/> when the provider refuses it or stays unavailable.
    /// </summary>
    Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
