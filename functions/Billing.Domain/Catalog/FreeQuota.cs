namespace Billing.Domain.Catalog;

/// <summary>How often a free quota is granted.</summary>
public enum QuotaRenewal
{
    /// <summary>A fresh grant each billing period, never prorated.</summary>
    Period,

    /// <summary>A single grant for the whole subscription.</summary>
    Once,
}

/// <summary>A free quantity of one meter, taken before usage becomes billable.</summary>
public sealed record FreeQuota(string Meter, decimal Quantity, QuotaRenewal Per);
