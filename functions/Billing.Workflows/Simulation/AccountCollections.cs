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

    /// <summary>Runs a due step; returns the timeline entry it made and the next timer, if any.</summary>
    public (TimelineEntry? Entry, IReadOnlyList<ScheduleDunningStep> Timers) StepDue(string invoiceKey, int stepIndex, DateTimeOffset now)
    {
        if (!dunning.TryGetValue(invoiceKey, out var state))
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
