using Billing.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Application.Email.Retries;

/// <summary>
/// Sends kept emails again (<see cref="UndeliveredEmailStore"/>): each pending one whose next attempt is due (or every
/// pending one, when an operator asks), claimed first with the row's ETag and a lease so two hosts never send it
/// both, then claimed in the <see cref="EmailSendLedger"/> (an email another caller has sent since is marked sent and not
/// sent again; one still held by a caller waits until that claim runs out), then handed to the provider. Sent: the record says so and when. Failed again: the error is kept and the
/// next attempt waits twice as long (<see cref="EmailRetryOptions.DelayAfter"/>). One email's failure never stops the others.
/// </summary>
public sealed partial class EmailRetrier(
    UndeliveredEmailStore undelivered, EmailSendLedger ledger, Func<IEmailSender> provider, IOptions<EmailRetryOptions> options, TimeProvider retryClock, ILogger<EmailRetrier> logger)
{
    /// <summary>One pass; returns how many emails were sent and how many failed again.</summary>
    public async Task<(int Sent, int Failed)> RetryAsync(bool dueOnly, CancellationToken ct)
    {
        var sent = 0;
        var failed = 0;
        foreach (var email in await undelivered.ListAsync(UndeliveredEmailStatus.Pending, ct))
        {
            var now = retryClock.GetUtcNow();
            if ((dueOnly && email.NextAttemptAt > now) || email.ClaimedUntil > now)
            {
                continue;
            }

            var lease = now + options.Value.EmailRetryLease;
            var claimed = await undelivered.TryUpdateAsync(email with { NextAttemptAt = lease, ClaimedUntil = lease }, ct);
            if (claimed is null)
            {
                continue;
            }

            // The send-once ledger decides with every other sender: sent by the caller that held it, or still held by one.
            switch (await ledger.ClaimAsync(claimed.MessageId, now, lease, retry: true, ct))
            {
                case EmailSendClaim.Sent:
                    await undelivered.TryUpdateAsync(claimed with { Status = UndeliveredEmailStatus.Sent, LastAttemptAt = now, SentAt = now, ClaimedUntil = null }, ct);
                    LogSentElsewhere(claimed.MessageId);
                    continue;
                case EmailSendClaim.InFlight:
                    await undelivered.TryUpdateAsync(claimed with { NextAttemptAt = now + options.Value.EmailSendLease, ClaimedUntil = null }, ct);
                    continue;
            }

            string? error = null;
            var permanent = false;
            EmailMessage? message = null;
            try
            {
                message = await undelivered.MessageAsync(claimed, ct);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or StorageRequestFailedException { IsNotFound: true })
            {
                (error, permanent) = ("the kept message could not be read: " + ex.Message, true);
            }

            if (message is not null)
            {
                try
                {
                    await provider().SendAsync(message, ct);
                }
                catch (Exception ex) when (ex is EmailDeliveryException or ArgumentException)
                {
                    (error, permanent) = (DeferringEmailSender.Describe(ex), ex is not EmailDeliveryException { IsTransient: true });
                }
            }

            var attempts = claimed.Attempts + 1;
            var done = retryClock.GetUtcNow();
            if (error is null)
            {
                await ledger.MarkSentAsync(claimed.MessageId, ct);
                await undelivered.TryUpdateAsync(claimed with { Status = UndeliveredEmailStatus.Sent, Attempts = attempts, LastAttemptAt = done, SentAt = done, ClaimedUntil = null }, ct);
                LogSent(claimed.MessageId, attempts);
                sent++;
            }
            else
            {
                await ledger.MarkKeptAsync(claimed.MessageId, ct);
                var wait = options.Value.DelayAfter(attempts);
                await undelivered.TryUpdateAsync(claimed with { Attempts = attempts, LastAttemptAt = done, NextAttemptAt = done + wait, LastError = error, Permanent = permanent, ClaimedUntil = null }, ct);
                LogFailedAgain(claimed.MessageId, attempts, error, wait);
                failed++;
            }
        }

        return (sent, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} was sent by the caller that held it; nothing to retry")]
    private partial void LogSentElsewhere(string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} sent on attempt {Attempts}")]
    private partial void LogSent(string messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} failed again on attempt {Attempts}: {Error}; next try in {Wait}")]
    private partial void LogFailedAgain(string messageId, int attempts, string error, TimeSpan wait);
}
