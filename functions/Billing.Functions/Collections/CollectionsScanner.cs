using Billing.Functions.Configuration;
using Billing.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Collections;

/// <summary>Runs <see cref="CollectionsMonitor.ScanAsync"/> every <c>Billing:CollectionsScanInterval</c> (default 30 seconds).</summary>
public sealed partial class CollectionsScanner(CollectionsMonitor monitor, IOptions<BillingOptions> options, ILogger<CollectionsScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.CollectionsScanInterval, stoppingToken);
                await monitor.ScanAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or InvalidOperationException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collections scan failed: {Reason}")]
    private partial void LogFailed(string reason);
}
