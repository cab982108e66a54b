namespace Billing.Domain.Catalog;

/// <summary>
/// A measured dimension of usage. <see cref="Property"/> names the event property read by
/// <see cref="Aggregation.Sum"/>, <see cref="Aggregation.Max"/>, <see cref="Aggregation.Latest"/> and <see cref="Aggregation.UniqueCount"/>;
/// it is null for <see cref="Aggregation.Count"/>.
/// </summary>
public sealed record Meter(string Code, Aggregation Aggregation, string? Property, MeterRounding? Rounding)
{
    /// <summary>Sum and count meters take usage from packs and free quota; max, latest and unique-count never do.</summary>
    public bool IsDeductible => Aggregation is Aggregation.Sum or Aggregation.Count;

    /// <summary>The period total after the meter's rounding, if it has one.</summary>
    public decimal RoundTotal(decimal total) => Rounding?.Apply(total) ?? total;

    /// <summary>The name shown on invoices for the charges of this meter that have none; null shows the code. Display only.</summary>
    public string? Name { get; init; }

    /// <summary>The unit of the meter's quantity (<c>GB</c>); null when it has none. Display only.</summary>
    public string? Unit { get; init; }
}
