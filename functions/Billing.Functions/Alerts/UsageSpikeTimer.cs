using Billing.Application.Alerts;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Alerts;

/// <summary>Timer <c>%Billing:SpikeScanSchedule%</c> (default every minute): checks recently active customers for usage spikes and raises alerts.</summary>
public sealed class UsageSpikeTimer(UsageSpikeMonitor monitor)
{
    [Function(nameof(UsageSpikeTimer))]
    public Task RunAsync([TimerTrigger("%Billing:SpikeScanSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        monitor.ScanAsync(cancellationToken);
}
