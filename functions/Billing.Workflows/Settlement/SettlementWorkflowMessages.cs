namespace Billing.Workflows.Settlement;

/// <summary>Input of a settlement workflow and of its activities: the invoiced customer and the period settled.</summary>
public sealed record SettlementRequest(string Customer, string Period);

/// <summary>
/// Output of the <c>settle</c> activity: the numbers of the period's invoices (rated, numbered, rendered, stored and
/// emailed) and the instants of the dunning steps still ahead for its unpaid usage invoice (none when paid), and the
/// earlier periods whose usage invoices are unpaid.
/// </summary>
public sealed record SettlementIssued(IReadOnlyList<string> Invoices, IReadOnlyList<DateTimeOffset> DunningSteps)
{
    public IReadOnlyList<string> EarlierPeriods { get; init; } = [];
}

/// <summary>Output of the <c>collect</c> activity: whether the period's usage invoice is paid by now.</summary>
public sealed record SettlementCollected(bool Paid);
