using Billing.Domain.Accounts;
using Billing.Domain.Payments;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Simulation;

/// <summary>
/// The result of a run: invoices with what was paid on them (by issue time, then customer), pack
/// balances, nonzero credit balances, the timeline (by time, then customer, then policy order) and the
/// rejected events. <see cref="Accounts"/> gives access to the rated detail for explanations; <see cref="Ladders"/>
/// holds the dunning ladder of each invoice that went unpaid, as it stood at the window's end (state, history).
/// </summary>
public sealed record SimulationOutcome(
    IReadOnlyList<Receivable> Invoices,
    IReadOnlyList<PackRemaining> Packs,
    IReadOnlyDictionary<string, decimal> Credit,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<RejectedEvent> RejectedEvents,
    IReadOnlyDictionary<string, BillingAccount> Accounts,
    long EventsMetered)
{
    public IReadOnlyList<DunningLadderRun> Ladders { get; init; } = [];
}
