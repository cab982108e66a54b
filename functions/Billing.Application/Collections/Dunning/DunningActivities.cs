using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Application.Settlement;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// The activities of <see cref="InvoiceDunning"/>. <see cref="NextInstantAsync"/> reads the invoice, the period's ladder
/// and the invoice's payment plan, and answers the next instant that matters; <see cref="CollectStepAsync"/> settles and
/// collects the customer now, as every settlement does (the engine's replay decides which step runs). Both are idempotent:
/// the first only reads, and a step the second runs twice is claimed once by its timeline row.
/// </summary>
public sealed class DunningActivities(BillingDirectory directory, InvoiceStore invoices, PaymentPlanStore plans, DunningLadders ladders, SettlementSnapshots snapshots, SettlementService settlement, CrashPoints crashes, TimeProvider clock)
{
    /// <summary>
    /// The next instant that matters after <see cref="DunningInstantRequest.HandledUntil"/>, as <see cref="DunningSchedule"/>
    /// answers it from the invoice, the ladder of the documents in force for its period and its payment plans.
    /// </summary>
    public async Task<DunningInstant> NextInstantAsync(DunningInstantRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var usage = (await invoices.ForCustomerAsync(request.Customer, ct)).Where(i => i.Kind == "usage" && i.Period == request.Period).ToList();
        if (usage.Count == 0 || usage.All(i => i.Status == "paid"))
        {
            return DunningSchedule.Next(usage, null, [], request.HandledUntil);
        }

        var ladder = await LadderInForceAsync(request.Customer, request.Period, ct);
        IReadOnlyList<Domain.Payments.PaymentPlan> agreed = ladder is null ? [] : (await plans.ForCustomerAsync(request.Customer, ct)).Where(p => p.Period == request.Period).ToList();
        return DunningSchedule.Next(usage, ladder, agreed, request.HandledUntil);
    }

    /// <summary>
    /// The ladder of the documents in force for the period: those its settlement snapshot recorded (the risk level and
    /// catalog as they stood when it was settled), as every replay collects it; the current ones for a snapshot written
    /// before documents were recorded. Null when the catalog or the customer is missing.
    /// </summary>
    private async Task<Domain.Dunning.DunningPolicy?> LadderInForceAsync(string customer, string period, CancellationToken ct)
    {
        if (await snapshots.FindAsync(customer, period, ct) is { Documents: { } recorded } && await directory.DocumentsAsync(recorded, ct) is { } documents)
        {
            return AccountReplays.LadderOf(documents, ladders);
        }

        var catalog = await directory.CatalogAsync(ct);
        var current = await directory.CustomerAsync(customer, ct);
        return catalog is null || current is null ? null : ladders.For(current.RiskLevel, catalog.Catalog.Dunning);
    }

    /// <summary>Settles and collects the customer at the current business instant; answers that instant and whether the period's usage invoice is paid.</summary>
    public async Task<DunningStepCollected> CollectStepAsync(DunningStepRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A root span per step (a business timer fires with no caller to continue), named for the invoice's dunning.
        using var span = Hosting.BillingTelemetry.StartRoot("dunning.step");
        span?.SetTag("billing.workflow.instance", InvoiceDunning.InstanceId(request.Customer, request.Period));
        var now = clock.GetUtcNow();
        var run = await settlement.RunAsync(request.Customer, now, ct);
        var paid = run.Invoices.Where(i => i.Period == request.Period && i.Kind == "usage").All(i => i.Status == "paid");
        await crashes.PassAsync("dunning-step", ct);
        return new DunningStepCollected(now, paid);
    }
}
