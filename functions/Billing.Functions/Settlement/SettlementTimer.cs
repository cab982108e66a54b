using Billing.Application.Settlement;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Settlement;

/// <summary>Timer <c>%Billing:SettlementSchedule%</c> (default every 5 minutes): starts the settlement cycle orchestration of this occurrence; does nothing with a simulated clock, whose advance settles.</summary>
public sealed class SettlementTimer(ScheduledSettlement settlement)
{
    [Function(nameof(SettlementTimer))]
    public Task RunAsync(
        [TimerTrigger("%Billing:SettlementSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        settlement.RunAsync(client, cancellationToken);
}
