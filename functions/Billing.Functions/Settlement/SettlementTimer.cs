using Billing.Application.Settlement;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary>Timer <c>%Billing:SettlementSchedule%</c> (default every 5 minutes): requests settlement for every invoiced customer; does nothing with a simulated clock, whose advance settles.</summary>
public sealed class SettlementTimer(ScheduledSettlement settlement)
{
    [Function(nameof(SettlementTimer))]
    public Task RunAsync([TimerTrigger("%Billing:SettlementSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        settlement.RunAsync(cancellationToken);
}
