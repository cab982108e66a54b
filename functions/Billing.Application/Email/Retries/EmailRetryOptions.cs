namespace Billing.Application.Email.Retries;

/// <summary>
/// How undelivered emails are retried (section <c>Billing</c>): a timer pass on <c>Billing:EmailRetrySchedule</c> (see
/// <see cref="Configuration.TimerSchedules"/>); an email's first retry <see cref="EmailRetryFirstDelay"/> after it
/// failed, each further one after twice the wait before, at most <see cref="EmailRetryMaxDelay"/>. These are system-clock durations (they are about the mail
/// provider, not billing time), also under a simulated clock.
/// </summary>
public sealed class EmailRetryOptions
{
    public const string Section = "Billing";

    public TimeSpan EmailRetryFirstDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan EmailRetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a host's claim on an email it is retrying holds; after a crash another host retries it then.</summary>
    public TimeSpan EmailRetryLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a caller's claim on an email it is handing to the provider holds (<see cref="EmailSendLedger"/>): longer
    /// than a send with the provider's own retries takes; a caller that stopped mid-send leaves the email to the next
    /// caller after it.
    /// </summary>
    public TimeSpan EmailSendLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the retry that follows <paramref name="attempts"/> failed attempts (the first send included).</summary>
    public TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(EmailRetryMaxDelay.Ticks, EmailRetryFirstDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
}
