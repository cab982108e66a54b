namespace Billing.Domain.Catalog;

/// <summary>How a meter turns a period's events into one quantity.</summary>
public enum Aggregation
{
    /// <summary>Adds the numeric property of every event.</summary>
    Sum,

    /// <summary>Counts events; no property needed.</summary>
    Count,

    /// <summary>Keeps the largest numeric property of the period.</summary>
    Max,

    /// <summary>Counts distinct values (strings or numbers) of the property.</summary>
    UniqueCount,
}
