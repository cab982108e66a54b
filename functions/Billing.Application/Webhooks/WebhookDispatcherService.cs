using Billing.Application.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Application.Webhooks;

/// <summary>Runs <see cref="WebhookDispatcher.DispatchAsync"/> every <c>DispatchInterval</c> when webhooks are configured.</summary>
public sealed class WebhookDispatcherService(WebhookDispatcher dispatcher, IOptions<WebhookOptions> options, ScheduleLocks locks, ILogger<WebhookDispatcherService> logger) : ScheduledFunction(locks, logger)
{
    protected override bool Enabled => options.Value.StatusWebhooks.Count > 0;

    protected override TimeSpan DelayUntilNext(DateTime utcNow) => options.Value.DispatchInterval;

    protected override Task RunAsync(CancellationToken ct) => dispatcher.DispatchAsync(ct);
}
