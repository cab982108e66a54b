using Billing.Domain.Pricing;

namespace Billing.Domain.Invoicing;

/// <summary>
/// Why a line has its amount: the pricing model, the usage before deduction, what packs and free quota
/// covered, the tier slices with their flat amounts (graduated, graduated percentage, volume), the proration
/// share (flat) and the free events, paying value, rate and fixed fees (percentage). Amounts unrounded.
/// </summary>
public sealed record LineDetail(
    string Model,
    string? Meter,
    decimal? Usage,
    decimal? FromPacks,
    decimal? FromFreeQuota,
    IReadOnlyList<TierSlice> Slices,
    Proration? Proration,
    decimal UnroundedAmount,
    PercentageFees? Percentage = null);
