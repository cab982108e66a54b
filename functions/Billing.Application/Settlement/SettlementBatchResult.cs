namespace Billing.Application.Settlement;

/// <summary>
/// What one batch settled: the customers settled (nothing due counts as settled), the numbers of the invoices the
/// settlement holds for the periods it settled (issued by this attempt or by an earlier one that crashed after issuing),
/// and the customers that failed with the reason.
/// </summary>
public sealed record SettlementBatchResult(int Index, IReadOnlyList<string> Settled, IReadOnlyList<string> Invoices, IReadOnlyList<SettlementFailure> Failures);
