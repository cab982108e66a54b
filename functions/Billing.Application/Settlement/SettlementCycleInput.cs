namespace Billing.Application.Settlement;

/// <summary>
/// What a settlement cycle orchestration starts with: the timer occurrence it settles for (UTC, whole seconds) and
/// how many invoiced customers one batch activity settles; <paramref name="TraceParent"/>, the W3C <c>traceparent</c> of the
/// timer run that started it (null: none recorded), which each batch continues.
/// </summary>
public sealed record SettlementCycleInput(DateTimeOffset Occurrence, int BatchSize, string? TraceParent = null);
