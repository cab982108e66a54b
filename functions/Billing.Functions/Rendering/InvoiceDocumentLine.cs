using Billing.Domain.Pricing;

namespace Billing.Functions.Rendering;

/// <summary>
/// One line as shown: its code (<c>calls</c>, <c>ops/calls</c>, <c>calls@2026-01</c>), a human
/// description, the billable quantity and the rounded amount, with an optional breakdown shown as sub-rows.
/// </summary>
public sealed record InvoiceDocumentLine(
    string Code,
    string Description,
    decimal Quantity,
    decimal Amount,
    InvoiceLineBreakdown? Breakdown = null);

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
