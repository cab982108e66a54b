namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>A meter the generator can put in a catalog, with the event property it reads.</summary>
internal sealed record GeneratedMeter(string Code, string Aggregation, string? Property)
{
    /// <summary>The meters scenarios draw from: one of each aggregation, and a second sum meter with rounding.</summary>
    public static IReadOnlyList<GeneratedMeter> All { get; } =
    [
        new("calls", "sum", "quantity"),
        new("gb", "sum", "gb"),
        new("qps", "max", "qps"),
        new("devices", "unique_count", "device"),
        new("activations", "count", null),
    ];

    /// <summary>Sum and count meters: the ones packs and free quota cover.</summary>
    public bool IsDeductible => Aggregation is "sum" or "count";

    /// <summary>Sum and max meters: the ones whose events carry a quantity.</summary>
    public bool HasQuantity => Aggregation is "sum" or "max";
}
