namespace Billing.Application.Settlement;

/// <summary>
/// The output of a settlement cycle orchestration: the occurrence, how many invoiced customers it covered, how many were
/// settled (nothing due counts as settled), how many distinct invoices the settled periods hold, and every customer that
/// failed after the retries, with the reason.
/// </summary>
public sealed record SettlementCycleSummary(DateTimeOffset Occurrence, int Customers, int Settled, int Invoices, IReadOnlyList<SettlementFailure> Failures);
