using Microsoft.Extensions.Options;

namespace Billing.Application.Email.Retries;

/// <summary>
/// The <see cref="IEmailSender"/> the application sends through: hands each email to the provider, and when the
/// provider refuses it or cannot take it now (<see cref="EmailDeliveryException"/>), or the message is not sendable as it
/// stands (<see cref="ArgumentException"/>), keeps it in <see cref="UndeliveredEmailStore"/>, to be retried in the background
/// (<see cref="EmailRetrier"/>) and listed for operators, and answers with a receipt of provider <see cref="Provider"/>.
/// So delivery never fails the step that sends (settling, collecting, recording a payment): the step's email is either
/// sent or kept. Each message id is claimed in the <see cref="EmailSendLedger"/> before the provider is called, so of
/// steps sending one message id at the same time (two requests settling one account) one sends it, and a message id
/// sent or kept before is not sent again from here (a kept one's retries own it; once a retry sent it, the answer is a
/// receipt for that). One claimed by another caller is kept for the retries too: sent by them only if that caller stopped
/// before marking it sent (its claim ran out, <see cref="EmailRetryOptions.EmailSendLease"/>), so a crash between the
/// claim and the provider loses nothing. A crash between the provider's answer and the mark may send it once more. Storage faults still throw: then the email is neither sent
/// nor kept, and the step fails and reruns as any step does.
/// </summary>
public sealed partial class DeferringEmailSender(
    IEmailSender provider, EmailSendLedger ledger, UndeliveredEmailStore undelivered, IOptions<EmailRetryOptions> options, TimeProvider retryClock, ILogger<DeferringEmailSender> logger)
    : IEmailSender
{
    /// <summary>The provider name of a receipt for an email kept for retries rather than sent.</summary>
    public const string Provider = "retry-queue";

    /// <summary>Why an email another caller was sending is kept: the retries look at it once that caller's claim has run out.</summary>
    public const string InFlightNote = "being sent by another caller; sent by the retries only if that caller stops before it is sent";

    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.MessageId) || message.MessageId.Length > 256 || message.MessageId.Any(char.IsControl))
        {
            // Without a usable id the email cannot be kept; this is the caller's fault, not the recipient's.
            throw new ArgumentException("messageId: 1 to 256 characters without control characters are required.", nameof(message));
        }

        var claimedAt = retryClock.GetUtcNow();
        switch (await ledger.ClaimAsync(message.MessageId, claimedAt, claimedAt + options.Value.EmailSendLease, ct: cancellationToken))
        {
            case EmailSendClaim.Sent:
                return new EmailReceipt(Provider, message.MessageId, "sent before", claimedAt);
            case EmailSendClaim.InFlight:
                // Another caller claimed it: it may be sending it now, or have stopped mid-send (a crash). Kept for the retries,
                // which send it only if that claim runs out before the email is marked sent; so it is never lost, nor sent twice at once.
                await undelivered.RecordAsync(message, InFlightNote, permanent: false, claimedAt, claimedAt + options.Value.EmailSendLease, cancellationToken);
                LogInFlight(message.MessageId);
                return new EmailReceipt(Provider, message.MessageId, "being sent", claimedAt);
            case EmailSendClaim.Kept:
                return await undelivered.GetAsync(message.MessageId, cancellationToken) is { Status: UndeliveredEmailStatus.Sent } kept
                    ? new EmailReceipt(Provider, message.MessageId, "sent on retry", kept.SentAt ?? kept.LastAttemptAt)
                    : new EmailReceipt(Provider, message.MessageId, "pending retry", claimedAt);
        }

        EmailReceipt receipt;
        try
        {
            receipt = await provider.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is EmailDeliveryException or ArgumentException)
        {
            var now = retryClock.GetUtcNow();
            var permanent = ex is ArgumentException || ex is EmailDeliveryException { IsTransient: false };
            await undelivered.RecordAsync(message, Describe(ex), permanent, now, now + options.Value.DelayAfter(1), cancellationToken);
            await ledger.MarkKeptAsync(message.MessageId, cancellationToken);
            LogKept(message.MessageId, ex.Message);
            return new EmailReceipt(Provider, message.MessageId, "pending retry", now);
        }

        await ledger.MarkSentAsync(message.MessageId, cancellationToken);
        return receipt;
    }

    /// <summary>What went wrong, for operators: the provider's words, or why the message is not sendable.</summary>
    public static string Describe(Exception error) => error switch
    {
        EmailDeliveryException delivery => $"{delivery.Provider}: {delivery.Message}",
        _ => "not sendable: " + error.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} is being sent by another caller; kept for the retries in case that caller stops")]
    private partial void LogInFlight(string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} not delivered; kept and retried in the background: {Reason}")]
    private partial void LogKept(string messageId, string reason);
}
