namespace Billing.Domain.Payments;

/// <summary>
/// Money received from a customer (bank transfer, card, write-off). With <see cref="Period"/> it settles
/// that period's usage invoice; without, the oldest open invoices first.
/// </summary>
public sealed record Payment(string Id, string Customer, DateTimeOffset At, decimal Amount, string? Period);
