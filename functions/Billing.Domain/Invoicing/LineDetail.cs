using Billing.Domain.Pricing;

namespace Billing.Domain.Invoicing;

/// <summary>
/// Why a line has its amount: the pricing model, the usage before deduction, what packs and free quota
/// covered, the tier slices (graduated), and the proration share (flat). Amounts unrounded.
/// </summary>
public sealed record LineDetail(
    string Model,
    string? Meter,
    decimal? Usage,
    decimal? FromPacks,
    decimal? FromFreeQuota,
    IReadOnlyList<TierSlice> Slices,
    Proration? Proration,
    decimal UnroundedAmount);
