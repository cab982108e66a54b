using Billing.Domain.Accounts;
using Billing.Domain.Dunning;
using Billing.Domain.Payments;
using Billing.Workflows.CreditLimits;
using Billing.Workflows.Dunning;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Collections of one invoiced customer: the dunning ladder of each unpaid usage invoice (kept by the simulation's
/// <see cref="SimulationLadders"/>, which fires their timers) and the credit-limit standing. Payment plans hold and
/// resume ladders; restore after payment follows the rule that no other unpaid invoice may still hold the customer
/// throttled or suspended.
/// </summary>
internal sealed class AccountCollections(BillingAccount account, DunningPolicy policy, SimulationLadders ladders)
{
    /// <summary>The invoices whose dunning ladder was started and is not yet paid (the instance id follows from the key).</summary>
    private readonly HashSet<string> unpaid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PaymentPlan> plans = new(StringComparer.Ordinal);
    private CreditLimitState credit = CreditLimitState.Initial;

    /// <summary>Starts dunning for a usage invoice that is not paid when issued (its first step's timer is set).</summary>
    public void InvoiceIssued(Receivable receivable)
    {
        var invoice = receivable.Invoice;
        if (receivable.IsPaid || invoice.Kind != Domain.Invoicing.InvoiceKind.Usage)
        {
            return;
        }

        unpaid.Add(invoice.Key);
        ladders.Start(new DunningLadderStart(invoice.Customer, invoice.Key, invoice.Period, policy, invoice.IssuedAt, invoice.DueAt), invoice.IssuedAt);
    }

    /// <summary>A payment plan for an unpaid invoice: its dunning waits (the steps run so far are remembered).</summary>
    public void PlanAgreed(Receivable receivable, PaymentPlan plan, DateTimeOffset now)
    {
        var key = receivable.Invoice.Key;
        if (receivable.IsPaid || !unpaid.Contains(key))
        {
            return;
        }

        plans[key] = plan;
        ladders.Raise(InstanceOf(key), new DunningPlanAgreed(), now);
    }

    /// <summary>
    /// An installment fell due: when the invoice's payments are below the installments due so far, the ladder resumes from
    /// the step it had reached, counted from this installment's due date.
    /// </summary>
    public void InstallmentDue(Receivable receivable, int installment, DateTimeOffset now)
    {
        var key = receivable.Invoice.Key;
        if (receivable.IsPaid || !plans.TryGetValue(key, out var plan) || !unpaid.Contains(key) || Ladder(key).IsActive)
        {
            return;
        }

        var dueSoFar = plan.Installments.Take(installment + 1).Sum(i => i.Amount);
        if (receivable.Paid >= dueSoFar)
        {
            return;
        }

        ladders.Raise(InstanceOf(key), new DunningResumed(now, plan.Installments[installment].DueAt), now);
    }

    /// <summary>Ends the dunning of invoices a payment settled; returns a restore entry when service comes back.</summary>
    public IEnumerable<TimelineEntry> InvoicesPaid(IEnumerable<Receivable> paid, DateTimeOffset now)
    {
        foreach (var receivable in paid)
        {
            var key = receivable.Invoice.Key;
            if (!unpaid.Contains(key))
            {
                continue;
            }

            var ladder = Ladder(key);
            var wasRestricted = IsRestricted();
            ladders.Raise(InstanceOf(key), new DunningInvoicePaid(), now);
            unpaid.Remove(key);
            if (wasRestricted && !IsRestricted())
            {
                yield return new TimelineEntry(ladder.Customer, now, TimelineAction.Restore, ladder.Period, null, $"invoice {ladder.InvoiceKey} paid");
            }
        }
    }

    /// <summary>Checks exposure against the credit limit; returns the entries the check records.</summary>
    public IEnumerable<TimelineEntry> CheckCredit(DateTimeOffset now, CreditCheckTrigger trigger)
    {
        if (account.Customer.CreditLimit is not { } limit)
        {
            return [];
        }

        var period = account.PeriodOf(now).Name;
        var exposure = account.Exposure(now);
        var (next, actions) = CreditLimitPolicy.Check(credit, exposure, limit, period, trigger);
        credit = next;
        return actions.Select(action => new TimelineEntry(
            account.Customer.Id,
            now,
            action switch
            {
                CreditLimitAction.Warn => TimelineAction.CreditWarning,
                CreditLimitAction.Suspend => TimelineAction.Suspend,
                _ => TimelineAction.Restore,
            },
            period,
            null,
            $"exposure {account.Customer.Id}: {exposure} of limit {limit}") { Cause = TimelineCause.CreditLimit });
    }

    private string InstanceOf(string invoiceKey) => SimulationLadders.InstanceId(account.Customer.Id, invoiceKey);

    private DunningState Ladder(string invoiceKey) =>
        ladders.State(InstanceOf(invoiceKey)) ?? throw new InvalidOperationException($"no dunning ladder for {invoiceKey}");

    private bool IsRestricted() => unpaid.Any(key => Ladder(key).RestrictedService);
}
