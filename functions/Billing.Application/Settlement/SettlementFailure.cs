namespace Billing.Application.Settlement;

/// <summary>A customer a settlement cycle could not settle, and why (the error's message).</summary>
public sealed record SettlementFailure(string Customer, string Reason);
