namespace Billing.Application.Settlement;

/// <summary>The custom status of a running settlement cycle: batches done of all, customers settled and failed so far.</summary>
public sealed record SettlementCycleProgress(int BatchesDone, int Batches, int Settled, int Failed);
