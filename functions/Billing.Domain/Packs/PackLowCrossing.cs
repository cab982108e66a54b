namespace Billing.Domain.Packs;

/// <summary>
/// Consumption took a pack's usable balance strictly below 10 % of its current allocation
/// (<see cref="AllocationIndex"/>: the month's allocation of a monthly pack, 0 for a once pack).
/// </summary>
public sealed record PackLowCrossing(string Owner, string PackCode, int AllocationIndex);
