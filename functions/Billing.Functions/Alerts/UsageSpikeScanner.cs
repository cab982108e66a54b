using Billing.Functions.Configuration;
using Billing.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Alerts;

/// <summary>Runs <see cref="UsageSpikeMonitor.ScanAsync"/> every <c>Billing:SpikeScanInterval</c> (default one minute).</summary>
public sealed partial class UsageSpikeScanner(UsageSpikeMonitor monitor, IOptions<BillingOptions> options, ILogger<UsageSpikeScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.SpikeScanInterval, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage spike scan failed: {Reason}")]
    private partial void LogFailed(string reason);
}
