namespace Billing.Domain.Packs;

/// <summary>A quantity one event took from one pack (for explaining a bill).</summary>
public sealed record PackDraw(string Owner, string PackCode, decimal Quantity);
