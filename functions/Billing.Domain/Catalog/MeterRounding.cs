namespace Billing.Domain.Catalog;

/// <summary>How <see cref="MeterRounding"/> moves a quantity onto its increment.</summary>
public enum MeterRoundingMode
{
    /// <summary>Ceiling to the next multiple of the increment.</summary>
    Up,

    /// <summary>Floor to the multiple below.</summary>
    Down,

    /// <summary>The nearest multiple; a midpoint goes away from zero.</summary>
    Nearest,
}

/// <summary>
/// Rounding of a meter's billable period total (after deduction) to an increment, e.g. whole GB
/// rounded up. It applies to the period total, never to single events.
/// </summary>
public sealed record MeterRounding(decimal Increment, MeterRoundingMode Mode)
{
    public decimal Apply(decimal quantity)
    {
        var steps = quantity / Increment;
        var whole = Mode switch
        {
            MeterRoundingMode.Up => Math.Ceiling(steps),
            MeterRoundingMode.Down => Math.Floor(steps),
            _ => Math.Round(steps, MidpointRounding.AwayFromZero),
        };
        return whole * Increment;
    }
}
