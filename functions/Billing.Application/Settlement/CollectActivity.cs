using Billing.Workflows.Runtime;
using Billing.Workflows.Settlement;

namespace Billing.Application.Settlement;

/// <summary>
/// The <c>collect</c> activity of the settlement workflow, run when a dunning timer fires: settles and collects the customer
/// at the current instant (the engine's replay decides whether the step runs: not when the invoice was paid, or a payment
/// plan holds it) and answers whether the period's usage invoice is paid. Idempotent: steps are claimed by timeline row.
/// </summary>
public sealed class CollectActivity(SettlementService settlement) : IWorkflowActivity
{
    public string Name => SettlementWorkflow.CollectActivity;

    public async Task<string> RunAsync(WorkflowActivityContext context, CancellationToken ct)
    {
        var request = WorkflowJson.Deserialize<SettlementRequest>(context.Input);
        var run = await settlement.RunAsync(request.Customer, context.Now, ct);
        var paid = run.Invoices.Where(i => i.Period == request.Period && i.Kind == "usage").All(i => i.Status == "paid");
        return WorkflowJson.Serialize(new SettlementCollected(paid));
    }
}
