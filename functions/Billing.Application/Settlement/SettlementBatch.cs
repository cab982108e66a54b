namespace Billing.Application.Settlement;

/// <summary>
/// One batch of a settlement cycle: its position among the cycle's batches and the invoiced customers it settles.
/// <paramref name="Report"/> false: the activity throws when any customer failed, so the retry policy runs the batch
/// again; true (the last attempt): it reports each customer's failure in its result instead. <paramref name="TraceParent"/>:
/// the cycle's trace (the timer run that started it), which the batch's settlements and emails continue.
/// </summary>
public sealed record SettlementBatch(int Index, IReadOnlyList<string> Customers, bool Report = false, string? TraceParent = null);
