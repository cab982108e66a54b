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
    /// The earliest instant after <see cref="DunningInstantRequest.HandledUntil"/> (all of them when null) among the ladder's
    /// step instants for the invoice (from its issue and due instants, with the ladder of the documents in force for the period), the
    /// installments of its payment plan and the ladder's steps counted from each installment; none when the invoice is
    /// paid, is not found, or nothing is left ahead (then it awaits payment).
    /// </summary>
    public async Task<DunningInstant> NextInstantAsync(DunningInstantRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var usage = (await invoices.ForCustomerAsync(request.Customer, ct)).Where(i => i.Kind == "usage" && i.Period == request.Period).ToList();
        if (usage.Count == 0)
        {
            return new DunningInstant(null, false);
        }

        if (usage.All(i => i.Status == "paid"))
        {
            return new DunningInstant(null, true);
        }

        if (await LadderInForceAsync(request.Customer, request.Period, ct) is not { } ladder)
        {
            return new DunningInstant(null, false);
        }

        var instants = usage.Where(i => i.Status != "paid").SelectMany(i => ladder.Steps.Select(s => s.DueFor(i.IssuedAt, i.DueAt))).ToList();
        foreach (var plan in (await plans.ForCustomerAsync(request.Customer, ct)).Where(p => p.Period == request.Period))
        {
            foreach (var installment in plan.Installments)
            {
                instants.Add(installment.DueAt);
                instants.AddRange(ladder.Steps.Select(s => installment.DueAt.AddDays(s.AfterDueDays)));
            }
        }

        var ahead = instants.Where(at => request.HandledUntil is not { } handled || at > handled).ToList();
        return ahead.Count == 0 ? new DunningInstant(null, false, AwaitingPayment: true) : new DunningInstant(ahead.Min(), false);
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
