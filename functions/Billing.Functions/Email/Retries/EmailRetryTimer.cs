using Billing.Application.Email.Retries;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Email.Retries;

/// <summary>Timer <c>%Billing:EmailRetrySchedule%</c> (default every 30 seconds): sends again the undelivered emails whose next attempt is due.</summary>
public sealed class EmailRetryTimer(EmailRetrier retrier)
{
    [Function(nameof(EmailRetryTimer))]
    public Task RunAsync([TimerTrigger("%Billing:EmailRetrySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        retrier.RetryAsync(dueOnly: true, cancellationToken);
}
