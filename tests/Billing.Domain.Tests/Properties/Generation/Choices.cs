namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// The choices a generated scenario is made of: non-negative integers that FsCheck draws (<see cref="ScenarioArbitraries"/>),
/// read one at a time in the shapes the generator asks for. The same choices always give the same scenario, so FsCheck's
/// replay seed (printed with a failure) reproduces it. Past the last choice every draw reads 0, so a short list still
/// gives a valid scenario.
/// </summary>
internal sealed class Choices(IReadOnlyList<int> values)
{
    private const double Range = int.MaxValue + 1.0;
    private int next;

    /// <summary>How many choices have been read.</summary>
    public int Used => next;

    /// <summary>A non-negative integer.</summary>
    public int Next() => Take();

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        var value = Take();
        return maxExclusive <= 1 ? 0 : value % maxExclusive;
    }

    /// <summary>An integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>), from two choices (62 bits).</summary>
    public long NextInt64(long maxExclusive)
    {
        var wide = ((long)Take() << 31) | (uint)Take();
        return maxExclusive <= 1 ? 0 : wide % maxExclusive;
    }

    /// <summary>A fraction in [0, 1).</summary>
    public double NextDouble() => Take() / Range;

    private int Take()
    {
        var value = next < values.Count ? Math.Max(0, values[next]) : 0;
        next++;
        return value;
    }
}
