using Billing.Workflows.Runtime;
using Billing.Workflows.Settlement;

namespace Billing.Application.Settlement;

/// <summary>
/// Settles one invoiced customer now, as both the settlement queue and the settlement cycle's batches do. When a period
/// has ended (plus the grace), it starts or resumes that period's settlement workflow (<c>settlement/{customer}/{period}</c>),
/// which settles, then duns the unpaid invoice on its timers. Otherwise, or when the workflow had nothing left to run, it
/// settles what else is due now (pack purchases, collections) directly. Earlier periods whose usage invoices that
/// workflow's settlement found unpaid (periods issued late among them) get workflows of their own (started, or read and
/// left as they are, on every call, so a crash between the two loses none). Running it twice settles once.
/// Answers the numbers of the invoices the settled period holds when its workflow ran (a rerun answers the same
/// numbers), or of those the direct settlement issued.
/// </summary>
public sealed class CustomerSettlement(SettlementService settlement, WorkflowRuntime workflows, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> SettleAsync(string customer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await settlement.LatestDuePeriodAsync(customer, now, cancellationToken) is { } period)
        {
            var input = WorkflowJson.Serialize(new SettlementRequest(customer, period));
            var run = await workflows.StartAsync(SettlementWorkflow.Name, SettlementWorkflow.InstanceId(customer, period), input, cancellationToken);
            var state = WorkflowJson.Deserialize<SettlementWorkflowState>(run.Instance.State);
            foreach (var earlier in state.EarlierPeriods)
            {
                var earlierInput = WorkflowJson.Serialize(new SettlementRequest(customer, earlier));
                await workflows.StartAsync(SettlementWorkflow.Name, SettlementWorkflow.InstanceId(customer, earlier), earlierInput, cancellationToken);
            }

            if (run.CommandsRun > 0)
            {
                return state.Invoices;
            }
        }

        return [.. (await settlement.SettleAsync(customer, now, cancellationToken)).Select(i => i.Number)];
    }
}
