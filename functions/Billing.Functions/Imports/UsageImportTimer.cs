using Billing.Application.Imports;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Imports;

/// <summary>
/// Timer <c>%Billing:ImportSchedule%</c> (default every minute): imports the usage files dropped in the <c>usage-drop</c>
/// container. A timer rather than a blob trigger: on Flex Consumption a blob trigger needs an Event Grid subscription
/// (the polling blob trigger is not offered there), which neither Azurite nor the local host has; and the sweep, with
/// its ledger of imported file versions, also picks up files dropped while no host ran, at most one schedule late.
/// </summary>
public sealed class UsageImportTimer(UsageImporter importer)
{
    [Function(nameof(UsageImportTimer))]
    public Task RunAsync([TimerTrigger("%Billing:ImportSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        importer.RunAsync(cancellationToken);
}
