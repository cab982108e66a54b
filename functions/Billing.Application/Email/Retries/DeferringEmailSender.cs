using Microsoft.Extensions.Options;

namespace Billing.Application.Email.Retries;

/// <summary>
/// The <see cref="IEmailSender"/> the application sends through: hands each email to the provider, and when the
/// provider refuses it or cannot take it now (<see cref="EmailDeliveryException"/>), or the message is not sendable as it
/// stands (<see cref="ArgumentException"/>), keeps it in <see cref="UndeliveredEmailStore"/>, to be retried in the background
/// (<see cref="EmailRetrier"/>) and listed for operators, and answers with a receipt of provider <see cref="Provider"/>.
/// So delivery never fails the step that sends (settling, collecting, recording a payment): the step's email is either
/// sent or kept. A message id already kept is not sent again from here: its retries own it (and once a retry sent it,
/// the answer is a receipt for that), so a rerun step never sends an email twice. Storage faults still throw: then the
/// email is neither sent nor kept, and the step fails and reruns as any step does.
/// </summary>
public sealed partial class DeferringEmailSender(
    IEmailSender provider, UndeliveredEmailStore undelivered, IOptions<EmailRetryOptions> options, TimeProvider retryClock, ILogger<DeferringEmailSender> logger)
    : IEmailSender
{
    /// <summary>The provider name of a receipt for an email kept for retries rather than sent.</summary>
    public const string Provider = "retry-queue";

    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.MessageId) || message.MessageId.Length > 256 || message.MessageId.Any(char.IsControl))
        {
            // Without a usable id the email cannot be kept; this is the caller's fault, not the recipient's.
            throw new ArgumentException("messageId: 1 to 256 characters without control characters are required.", nameof(message));
        }

        if (await undelivered.GetAsync(message.MessageId, cancellationToken) is { } kept)
        {
            return kept.Status == UndeliveredEmailStatus.Sent
                ? new EmailReceipt(Provider, message.MessageId, "sent on retry", kept.SentAt ?? kept.LastAttemptAt)
                : new EmailReceipt(Provider, message.MessageId, "pending retry", kept.FirstFailedAt);
        }

        try
        {
            return await provider.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is EmailDeliveryException or ArgumentException)
        {
            var now = retryClock.GetUtcNow();
            var permanent = ex is ArgumentException || ex is EmailDeliveryException { IsTransient: false };
            await undelivered.RecordAsync(message, Describe(ex), permanent, now, now + options.Value.DelayAfter(1), cancellationToken);
            LogKept(message.MessageId, ex.Message);
            return new EmailReceipt(Provider, message.MessageId, "pending retry", now);
        }
    }

    /// <summary>What went wrong, for operators: the provider's words, or why the message is not sendable.</summary>
    public static string Describe(Exception error) => error switch
    {
        EmailDeliveryException delivery => $"{delivery.Provider}: {delivery.Message}",
        _ => "not sendable: " + error.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} not delivered; kept and retried in the background: {Reason}")]
    private partial void LogKept(string messageId, string reason);
}
