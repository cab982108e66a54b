namespace Billing.Domain.Pricing;

/// <summary>The part of a quantity in (<see cref="From"/>, <see cref="To"/>] priced at one tier; amount unrounded.</summary>
public sealed record TierSlice(decimal From, decimal To, decimal Quantity, decimal UnitPrice, decimal Amount);
