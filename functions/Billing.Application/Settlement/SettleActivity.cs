using Billing.Workflows.Runtime;
using Billing.Workflows.Settlement;

namespace Billing.Application.Settlement;

/// <summary>
/// The <c>settle</c> activity of the settlement workflow: settles the customer at the current instant (the period and any
/// earlier one still open: rate, late usage, number, render, store, email; then pack purchases and collections due), and
/// answers with the numbers of the period's invoices and of the packs issued with it, the instants of the dunning steps
/// still ahead of its unpaid usage invoice (steps due at the same instant share one), and the earlier periods whose usage
/// invoices are unpaid (each is then given a workflow of its own for its dunning, when it has none). Idempotent:
/// a rerun finds the period settled and its invoice stored and delivered, and gives the same answer.
/// </summary>
public sealed class SettleActivity(SettlementService settlement) : IWorkflowActivity
{
    public string Name => SettlementWorkflow.SettleActivity;

    public async Task<string> RunAsync(WorkflowActivityContext context, CancellationToken ct)
    {
        var request = WorkflowJson.Deserialize<SettlementRequest>(context.Input);
        var run = await settlement.RunAsync(request.Customer, context.Now, ct);
        var ofPeriod = run.Invoices.Where(i => i.Period == request.Period).ToList();
        var numbers = ofPeriod.Concat(run.Issued.Where(i => i.Kind != "usage" || i.Period == request.Period)).Select(i => i.Number).Distinct(StringComparer.Ordinal).ToList();
        var unpaid = ofPeriod.FirstOrDefault(i => i.Kind == "usage" && i.Status != "paid");
        var steps = unpaid is null || run.Ladder is null
            ? []
            : run.Ladder.Steps.Select(s => s.DueFor(unpaid.IssuedAt, unpaid.DueAt)).Where(at => at > context.Now).Distinct().ToList();

        // From the stored invoices, not this run's issues: a rerun after a crash (or another caller that settled first) issues nothing.
        var earlierPeriods = run.Invoices
            .Where(i => i is { Kind: "usage", Period: { } period } && i.Status != "paid" && string.CompareOrdinal(period, request.Period) < 0)
            .Select(i => i.Period!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return WorkflowJson.Serialize(new SettlementIssued(numbers, steps) { EarlierPeriods = earlierPeriods });
    }
}
