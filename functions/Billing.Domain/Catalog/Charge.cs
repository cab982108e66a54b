using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary>
/// One priced line of a plan. <see cref="Meter"/> is null exactly when the price is a
/// <see cref="FlatFee"/>, which is charged once per period whatever the usage.
/// </summary>
public sealed record Charge(string Code, string? Meter, ChargePrice Price)
{
    /// <summary>The name shown on invoices (<c>API calls</c>); null shows the meter's name, else the code. Display only: never priced.</summary>
    public string? Name { get; init; }

    /// <summary>The unit its quantity is counted in (<c>GB</c>, <c>requests</c>); null shows the meter's unit, or none. Display only.</summary>
    public string? Unit { get; init; }
}
