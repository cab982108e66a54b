using Billing.Application.Imports;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Imports;

/// <summary>Timer <c>%Billing:ImportSchedule%</c> (default every minute): imports the usage files dropped in the <c>usage-drop</c> container.</summary>
public sealed class UsageImportTimer(UsageImporter importer)
{
    [Function(nameof(UsageImportTimer))]
    public Task RunAsync([TimerTrigger("%Billing:ImportSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        importer.RunAsync(cancellationToken);
}
