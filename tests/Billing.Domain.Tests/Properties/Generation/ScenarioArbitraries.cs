using FsCheck;
using FsCheck.Fluent;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// FsCheck's scenarios for the engine properties: FsCheck draws the seed, <see cref="ScenarioGenerator"/> builds the
/// scenario of that seed with the options of the class named in the property's <c>Arbitrary</c>, and FsCheck shrinks
/// a failing one through <see cref="ScenarioShrinker.Candidates"/> (one element fewer at a time, only well-formed
/// documents). A failure prints the shrunk scenario JSON and FsCheck's replay seed.
/// </summary>
public static class ScenarioArbitraries
{
    /// <summary>Scenarios per property, as many as the engine runs in a few seconds.</summary>
    public const int Cases = 150;

    internal static Arbitrary<GeneratedScenario> For(GenerationOptions options) =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => ScenarioGenerator.Generate(seed, options)), ScenarioShrinker.Candidates);
}

/// <summary>Scenarios of <see cref="GenerationOptions.Default"/>.</summary>
public static class DefaultScenarios
{
    public static Arbitrary<GeneratedScenario> Scenario() => ScenarioArbitraries.For(GenerationOptions.Default);
}

/// <summary>Scenarios of <see cref="GenerationOptions.Monotone"/>: no price falls with quantity.</summary>
public static class MonotoneScenarios
{
    public static Arbitrary<GeneratedScenario> Scenario() => ScenarioArbitraries.For(GenerationOptions.Monotone);
}
