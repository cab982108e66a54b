using Billing.Application.Settlement;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Billing.Functions.Settlement;

/// <summary>Orchestration <c>SettlementCycle</c>: one settlement cycle, batches of invoiced customers fanned out and in (<see cref="Application.Settlement.SettlementCycle"/>).</summary>
public static class SettlementCycleOrchestration
{
    [Function(SettlementCycle.Name)]
    public static Task<SettlementCycleSummary> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        SettlementCycle.RunAsync(context);
}
