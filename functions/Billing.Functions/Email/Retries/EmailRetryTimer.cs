using Billing.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Email.Retries;

/// <summary>
/// The timer function that retries undelivered emails (<see cref="EmailRetrier"/>) every <c>Billing:EmailRetryInterval</c>
/// (default 30 seconds), whichever clock the host bills by. Idempotent and safe on several hosts (each email is claimed first).
/// </summary>
public sealed class EmailRetryTimer(EmailRetrier retrier, IOptions<EmailRetryOptions> options, ILogger<EmailRetryTimer> logger) : ScheduledFunction(logger)
{
    protected override TimeSpan DelayUntilNext(DateTime utcNow) => options.Value.EmailRetryInterval;

    protected override Task RunAsync(CancellationToken ct) => retrier.RetryAsync(dueOnly: true, ct);
}
