using Azure;

namespace Billing.Application.Email.Retries;

/// <summary>
/// An email the provider did not take when it was first sent, as operators see it: its message id and kind (the id's
/// first segment: <c>invoice</c>, <c>receipt</c>, <c>remind</c>, <c>suspend</c>, ...), recipients, subject, status, the
/// attempts so far (the first send included), when it first failed, was last tried and is tried next (system clock),
/// the last error, whether that error was permanent (the provider refused the message, or the message is not
/// sendable as it stands: retrying helps only once the cause is fixed), and when a retry sent it.
/// </summary>
public sealed record UndeliveredEmail(
    string MessageId,
    string Kind,
    string To,
    string Subject,
    UndeliveredEmailStatus Status,
    int Attempts,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastAttemptAt,
    DateTimeOffset NextAttemptAt,
    string LastError,
    bool Permanent,
    DateTimeOffset? SentAt)
{
    /// <summary>The stored row's version, for claims that must not race.</summary>
    public ETag ETag { get; init; }

    /// <summary>
    /// Until when a host that claimed the email is sending it (system clock); null when nobody is. No other host takes it
    /// before then, not even for an operator's "retry every pending email now", so a claim in flight is never sent twice.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>The first segment of a message id (<c>invoice/INV-2026-000001</c> is an <c>invoice</c>).</summary>
    public static string KindOf(string messageId) => messageId.Split('/')[0];
}
