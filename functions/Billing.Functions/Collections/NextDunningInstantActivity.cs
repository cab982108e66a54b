using Billing.Application.Collections.Dunning;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary>Activity <c>NextDunningInstant</c>: the next business instant that matters for one invoice's dunning, or none (paid, or nothing left).</summary>
public sealed class NextDunningInstantActivity(DunningActivities activities)
{
    [Function(InvoiceDunning.NextInstantActivity)]
    public Task<DunningInstant> RunAsync([ActivityTrigger] DunningInstantRequest request, CancellationToken cancellationToken) =>
        activities.NextInstantAsync(request, cancellationToken);
}
