using Billing.Domain.Pricing;

namespace Billing.Application.Rendering;

/// <summary>
/// One line as shown: its code (<c>calls</c>, <c>ops/calls</c>, <c>calls@2026-01</c>), a human
/// description, the billable quantity and the rounded amount, with an optional breakdown shown as sub-rows.
/// </summary>
public sealed record InvoiceDocumentLine(
    string Code,
    string Description,
    decimal Quantity,
    decimal Amount,
    InvoiceLineBreakdown? Breakdown = null)
{
    /// <summary>The unit the quantity is counted in (<c>GB</c>); null shows the bare quantity.</summary>
    public string? Unit { get; init; }

    /// <summary>The catalog price per unit (or per package); null when no single price applies (several graduated tiers).</summary>
    public InvoiceUnitPrice? UnitPrice { get; init; }
}

/// <summary>
/// A catalog price, unrounded as the catalog states it (<c>0.008</c>), for <see cref="Per"/> units: 1 for a unit
/// price, the package size for a package price.
/// </summary>
public sealed record InvoiceUnitPrice(decimal Price, decimal Per = 1m);

/// <summary>
/// How a line's amount came about: the usage before deduction, how much prepaid packs and free quota
/// covered, the tier slices with their flat fees (amounts unrounded), the proration share of a flat fee, and
/// the free events, paying value, rate and fixed fees of a percentage charge. Null or empty parts are not shown.
/// </summary>
public sealed record InvoiceLineBreakdown(
    decimal? Usage,
    decimal? CoveredByPacks,
    decimal? CoveredByFreeQuota,
    IReadOnlyList<TierSlice> Slices,
    Proration? Proration,
    PercentageFees? Percentage = null);
