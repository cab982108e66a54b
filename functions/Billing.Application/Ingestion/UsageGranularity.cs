namespace Billing.Application.Ingestion;

/// <summary>The bucket size of a usage series, in the tenant's local time.</summary>
public enum UsageGranularity
{
    Hour,
    Day,
    Month,
}
