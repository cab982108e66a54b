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

    /// <summary>
    /// Keeps the numeric property of the period's last event (by at, ties: the greater id), e.g. seats or
    /// storage held at the period's end; a period without events is 0 (nothing carries over).
    /// </summary>
    Latest,
}
