using System.Globalization;

namespace Billing.Application.Email;

/// <summary>
/// SendGrid kept answering 429 or 5xx (or could not be reached) through every configured attempt, or asked us to
/// wait longer than <see cref="SendGridOptions.MaxRetryDelay"/>. The email was not accepted; send it again later,
/// no sooner than <see cref="RetryAfter"/> when SendGrid named a time.
/// </summary>
public sealed class SendGridUnavailableException : EmailDeliveryException
{
    public SendGridUnavailableException(string messageId, int attempts, int? lastStatus, TimeSpan? retryAfter, Exception? innerException = null)
        : base(SendGridEmailSender.Provider, Describe(messageId, attempts, lastStatus, retryAfter), innerException)
    {
        MessageId = messageId;
        Attempts = attempts;
        LastStatus = lastStatus;
        RetryAfter = retryAfter;
    }

    public string MessageId { get; }

    public int Attempts { get; }

    /// <summary>The last HTTP status, or null when the last attempt got no response.</summary>
    public int? LastStatus { get; }

    public TimeSpan? RetryAfter { get; }

    public override bool IsTransient => true;

    private static string Describe(string messageId, int attempts, int? status, TimeSpan? retryAfter) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"SendGrid did not accept email '{messageId}' after {attempts} attempt(s) (last status: {(status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "no response")})")
        + (retryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $"; retry after {wait.TotalSeconds:0.###} s") : string.Empty);
}
