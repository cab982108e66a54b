using Billing.Application.Collections.Dunning;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Billing.Functions.Collections;

/// <summary>Orchestration <c>Dunning</c>: the dunning of one unpaid usage invoice, <c>dunning/{customer}/{period}</c> (<see cref="InvoiceDunning"/>).</summary>
public static class DunningOrchestration
{
    [Function(InvoiceDunning.Name)]
    public static Task<InvoiceDunningSummary?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        InvoiceDunning.RunAsync(context);
}
