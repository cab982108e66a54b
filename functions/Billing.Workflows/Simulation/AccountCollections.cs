using Billing.Domain.Accounts;
using Billing.Domain.Dunning;
using Billing.Domain.Payments;
using Billing.Workflows.CreditLimits;
using Billing.Workflows.Dunning;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Collections of one invoiced customer: the dunning workflow of each unpaid usage invoice and the
/// credit-limit standing. It turns workflow commands into timeline entries and the timers the caller
/// schedules; restore after payment follows the rule that no other unpaid invoice may still hold the
/// customer throttled or suspended.
/// </summary>
internal sealed class AccountCollections(BillingAccount account, DunningPolicy policy)
{
    private readonly Dictionary<string, DunningState> dunning = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PaymentPlan Plan, int StepsRun, bool Restricted)> plans = new(StringComparer.Ordinal);
    private CreditLimitState credit = CreditLimitState.Initial;

    /// <summary>Starts dunning for a usage invoice that is not paid when issued; returns the first timer.</summary>
    public IReadOnlyList<ScheduleDunningStep> InvoiceIssued(Receivable receivable)
    {
        var invoice = receivable.Invoice;
        if (receivable.IsPaid || invoice.Kind != Domain.Invoicing.InvoiceKind.Usage)
        {
            return [];
        }

        var (state, commands) = DunningWorkflow.Start(invoice.Customer, invoice.Key, invoice.Period, policy, invoice.IssuedAt, invoice.DueAt);
        dunning[invoice.Key] = state;
        return commands.OfType<ScheduleDunningStep>().ToList();
    }

    /// <summary>A payment plan for an unpaid invoice: its dunning waits (the steps run so far are remembered).</summary>
    public void PlanAgreed(Receivable receivable, PaymentPlan plan)
    {
        var key = receivable.Invoice.Key;
        if (receivable.IsPaid || !dunning.TryGetValue(key, out var state) || state.Status == DunningStatus.Paid)
        {
            return;
        }

        plans[key] = (plan, state.StepsRun, state.RestrictedService);
        dunning[key] = state with { Status = DunningStatus.Exhausted };
    }

    /// <summary>
    /// An installment fell due: when the invoice's payments are below the installments due so far, the ladder resumes from
    /// the step it had reached, counted from this installment's due date; returns its first timer.
    /// </summary>
    public IReadOnlyList<ScheduleDunningStep> InstallmentDue(Receivable receivable, int installment, DateTimeOffset now)
    {
        var key = receivable.Invoice.Key;
        if (receivable.IsPaid || !plans.TryGetValue(key, out var agreed) || dunning.GetValueOrDefault(key)?.IsActive == true)
        {
            return [];
        }

        var dueSoFar = agreed.Plan.Installments.Take(installment + 1).Sum(i => i.Amount);
        if (receivable.Paid >= dueSoFar)
        {
            return [];
        }

        var invoice = receivable.Invoice;
        var (state, commands) = DunningWorkflow.Start(invoice.Customer, key, invoice.Period, policy, now, agreed.Plan.Installments[installment].DueAt, agreed.StepsRun, agreed.Restricted);
        dunning[key] = state;
        return commands.OfType<ScheduleDunningStep>().ToList();
    }

    /// <summary>Runs a due step; returns the timeline entry it made and the next timer, if any.</summary>
    public (TimelineEntry? Entry, IReadOnlyList<ScheduleDunningStep> Timers) StepDue(string invoiceKey, int stepIndex, DateTimeOffset now)
    {
        // A timer of a ladder replaced since (a payment plan resumed it with new due instants) is stale.
        if (!dunning.TryGetValue(invoiceKey, out var state) || stepIndex >= state.Steps.Count || state.Steps[stepIndex].DueAt != now)
        {
            return (null, []);
        }

        var (next, commands) = DunningWorkflow.Transition(state, new DunningStepDue(stepIndex));
        dunning[invoiceKey] = next;
        TimelineEntry? entry = null;
        foreach (var run in commands.OfType<RunDunningAction>())
        {
            entry = new TimelineEntry(state.Customer, now, ActionName(run.Action), state.Period, null, $"invoice {invoiceKey}, step {run.StepIndex + 1} of {state.Steps.Count}");
        }

        return (entry, commands.OfType<ScheduleDunningStep>().ToList());
    }

    /// <summary>Ends the dunning of invoices a payment settled; returns a restore entry when service comes back.</summary>
    public IEnumerable<TimelineEntry> InvoicesPaid(IEnumerable<Receivable> paid, DateTimeOffset now)
    {
        foreach (var receivable in paid)
        {
            if (!dunning.TryGetValue(receivable.Invoice.Key, out var state) || state.Status == DunningStatus.Paid)
            {
                continue;
            }

            var wasRestricted = IsRestricted();
            dunning[receivable.Invoice.Key] = DunningWorkflow.Transition(state, new DunningInvoicePaid()).State;
            if (wasRestricted && !IsRestricted())
            {
                yield return new TimelineEntry(state.Customer, now, TimelineAction.Restore, state.Period, null, $"invoice {state.InvoiceKey} paid");
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

    private bool IsRestricted() => dunning.Values.Any(s => s.Status != DunningStatus.Paid && s.RestrictedService);

    private static string ActionName(DunningAction action) => action switch
    {
        DunningAction.Remind => TimelineAction.Remind,
        DunningAction.Throttle => TimelineAction.Throttle,
        DunningAction.Backup => TimelineAction.Backup,
        _ => TimelineAction.Suspend,
    };
}
