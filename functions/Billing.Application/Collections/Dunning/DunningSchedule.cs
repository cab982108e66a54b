using Billing.Domain.Dunning;
using Billing.Domain.Payments;
using Billing.Storage.Invoicing;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// The next business instant that matters for the dunning of one period's usage invoice, from what is read of it: the
/// ladder's step instants for each unpaid invoice of the period (from its issue and due instants), the installments of the
/// period's payment plans and the ladder's steps counted from each installment. Only instants after the handled one count
/// (all of them when none is handled yet). Pure: <see cref="DunningActivities.NextInstantAsync"/> reads the invoice, the
/// ladder in force for its period and its plans, and a settlement that has just read them answers the same without
/// reading them again (<see cref="Settlement.SettlementRun.Dunning"/>).
/// </summary>
public static class DunningSchedule
{
    /// <param name="usage">The usage invoices of the period (none: nothing to dun).</param>
    /// <param name="ladder">The ladder of the documents in force for the period (null: nothing to dun).</param>
    /// <param name="plans">The payment plans agreed for the period.</param>
    /// <param name="handledUntil">The instant up to which the dunning has been handled; null when none is yet.</param>
    public static DunningInstant Next(IReadOnlyCollection<StoredInvoice> usage, DunningPolicy? ladder, IEnumerable<PaymentPlan> plans, DateTimeOffset? handledUntil)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(plans);
        if (usage.Count == 0)
        {
            return new DunningInstant(null, false);
        }

        if (usage.All(i => i.Status == "paid"))
        {
            return new DunningInstant(null, true);
        }

        if (ladder is null)
        {
            return new DunningInstant(null, false);
        }

        var instants = usage.Where(i => i.Status != "paid").SelectMany(i => ladder.Steps.Select(s => s.DueFor(i.IssuedAt, i.DueAt))).ToList();
        foreach (var installment in plans.SelectMany(p => p.Installments))
        {
            instants.Add(installment.DueAt);
            instants.AddRange(ladder.Steps.Select(s => installment.DueAt.AddDays(s.AfterDueDays)));
        }

        var ahead = instants.Where(at => handledUntil is not { } handled || at > handled).ToList();
        return ahead.Count == 0 ? new DunningInstant(null, false, AwaitingPayment: true) : new DunningInstant(ahead.Min(), false);
    }
}
