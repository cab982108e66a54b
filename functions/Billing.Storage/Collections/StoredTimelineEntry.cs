namespace Billing.Storage.Collections;

/// <summary>A collection or alert action carried out for a customer, as kept in the <c>timeline</c> table.</summary>
public sealed record StoredTimelineEntry(string Customer, DateTimeOffset At, string Action, string? Period, string? Pack, string Cause, string? Detail);
