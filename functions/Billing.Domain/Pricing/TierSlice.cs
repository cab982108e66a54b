namespace Billing.Domain.Pricing;

/// <summary>
/// The part of a quantity in (<see cref="From"/>, <see cref="To"/>] priced at one tier: <see cref="Quantity"/>
/// × <see cref="UnitPrice"/> plus the tier's <see cref="FlatAmount"/> makes <see cref="Amount"/> (unrounded).
/// <see cref="Rate"/> is the tier's percent for <c>graduated_percentage</c> (then <see cref="UnitPrice"/> is
/// rate / 100), null for unit-priced tiers.
/// </summary>
public sealed record TierSlice(
    decimal From,
    decimal To,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    decimal FlatAmount = 0m,
    decimal? Rate = null);
