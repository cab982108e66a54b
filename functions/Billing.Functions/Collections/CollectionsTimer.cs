using Billing.Application.Collections;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary>Timer <c>%Billing:CollectionsScanSchedule%</c> (default every 30 seconds): carries out the credit-limit and pack actions due on accounts that received usage.</summary>
public sealed class CollectionsTimer(CollectionsMonitor monitor)
{
    [Function(nameof(CollectionsTimer))]
    public Task RunAsync([TimerTrigger("%Billing:CollectionsScanSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        monitor.ScanAsync(cancellationToken);
}
