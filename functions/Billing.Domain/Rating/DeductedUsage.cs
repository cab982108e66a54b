using Billing.Domain.Metering;
using Billing.Domain.Packs;

namespace Billing.Domain.Rating;

/// <summary>
/// One on-time event of a sum or count meter after deduction: what packs and free quota covered and the
/// billable rest. <see cref="Draws"/> is kept only when the rating keeps details (bill explanations).
/// </summary>
public sealed class DeductedUsage(UsageEvent usage)
{
    public UsageEvent Event { get; } = usage;

    /// <summary>Start of the billing period the event belongs to.</summary>
    public DateTimeOffset PeriodStart { get; set; }

    public decimal FromPacks { get; set; }

    public decimal FromFreeQuota { get; set; }

    public decimal Billable { get; set; }

    public List<PackDraw>? Draws { get; set; }
}
