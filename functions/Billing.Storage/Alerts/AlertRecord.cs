namespace Billing.Storage.Alerts;

/// <summary>An alert raised for a customer: its kind (<c>usage_spike</c>, <c>pack_low</c>, ...), a key that makes it unique, when, and a readable detail.</summary>
public sealed record AlertRecord(string Customer, string Kind, string Key, DateTimeOffset At, string Detail);
