using Billing.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Webhooks;

/// <summary>Runs <see cref="WebhookDispatcher.DispatchAsync"/> every <c>DispatchInterval</c> when webhooks are configured.</summary>
public sealed partial class WebhookDispatcherService(WebhookDispatcher dispatcher, IOptions<WebhookOptions> options, ILogger<WebhookDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.StatusWebhooks.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.DispatchInterval, stoppingToken);
                await dispatcher.DispatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageRequestFailedException or InvalidOperationException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatch failed: {Reason}")]
    private partial void LogFailed(string reason);
}
