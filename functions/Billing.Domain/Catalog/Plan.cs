using Billing.Domain.Periods;

namespace Billing.Domain.Catalog;

/// <summary>
/// A plan of the catalog: its period, payment terms, charges, free quotas and the order in which
/// packs and free quota are drawn before usage is billable (default: packs, then free quota).
/// </summary>
public sealed record Plan(
    string Code,
    PeriodUnit Period,
    int PaymentTermsDays,
    IReadOnlyList<Charge> Charges,
    IReadOnlyList<FreeQuota> FreeQuotas,
    IReadOnlyList<DeductionSource> DeductionOrder)
{
    public static IReadOnlyList<DeductionSource> DefaultDeductionOrder { get; } =
        [DeductionSource.Packs, DeductionSource.FreeQuota];
}
