namespace Billing.Workflows.Settlement;

/// <summary>
/// Where the settlement of one customer's period stands: the numbers of its invoices (the period's, and packs bought
/// with it), how many dunning timers are still set, and whether its invoice has been paid. <see cref="EarlierPeriods"/>
/// are the earlier periods whose usage invoices were unpaid when its <c>settle</c> ran (among them periods it issued
/// late: a customer backdated, or hosts down past two period ends); each gets a settlement workflow of its own, for its
/// own dunning, when it has none.
/// </summary>
public sealed record SettlementWorkflowState(string Customer, string Period, string Step, IReadOnlyList<string> Invoices, int TimersLeft, bool Paid)
{
    public IReadOnlyList<string> EarlierPeriods { get; init; } = [];
}
