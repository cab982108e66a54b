namespace Billing.Domain.Catalog;

/// <summary>Where usage is taken from before the rest becomes billable, in a plan's deduction order.</summary>
public enum DeductionSource
{
    Packs,
    FreeQuota,
}
