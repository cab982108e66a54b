using Billing.Application.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Application.Email.Retries;

/// <summary>
/// The timer function that retries undelivered emails (<see cref="EmailRetrier"/>) every <c>Billing:EmailRetryInterval</c>
/// (default 30 seconds), whichever clock the host bills by. Runs on one host at a time (<see cref="ScheduledFunction"/>); each email is claimed first as well.
/// </summary>
public sealed class EmailRetryTimer(EmailRetrier retrier, IOptions<EmailRetryOptions> options, ScheduleLocks locks, ILogger<EmailRetryTimer> logger)
    : ScheduledFunction(locks, logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => options.Value.EmailRetryInterval;

    protected override Task RunAsync(CancellationToken ct) => retrier.RetryAsync(dueOnly: true, ct);
}
