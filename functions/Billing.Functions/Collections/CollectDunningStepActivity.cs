using Billing.Application.Collections.Dunning;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary>Activity <c>CollectDunningStep</c>: settles and collects the invoice's customer now (the step due, if any); answers the instant and whether the invoice is paid.</summary>
public sealed class CollectDunningStepActivity(DunningActivities activities)
{
    [Function(InvoiceDunning.CollectStepActivity)]
    public Task<DunningStepCollected> RunAsync([ActivityTrigger] DunningStepRequest request, CancellationToken cancellationToken) =>
        activities.CollectStepAsync(request, cancellationToken);
}
