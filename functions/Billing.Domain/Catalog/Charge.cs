using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary>
/// One priced line of a plan. <see cref="Meter"/> is null exactly when the price is a
/// <see cref="FlatFee"/>, which is charged once per period whatever the usage.
/// </summary>
public sealed record Charge(string Code, string? Meter, ChargePrice Price);
