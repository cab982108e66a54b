namespace Billing.Application.Settlement;

/// <summary>
/// What a settlement cycle orchestration starts with: the timer occurrence it settles for (UTC, whole seconds) and
/// how many invoiced customers one batch activity settles.
/// </summary>
public sealed record SettlementCycleInput(DateTimeOffset Occurrence, int BatchSize);
