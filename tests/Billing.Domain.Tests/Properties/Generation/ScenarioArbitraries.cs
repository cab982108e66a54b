using FsCheck;
using FsCheck.Fluent;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// FsCheck's scenarios for the engine properties: FsCheck draws the choices (<see cref="ChoicesPerScenario"/>
/// non-negative integers), <see cref="ScenarioGenerator"/> makes the scenario of those choices with the options of the
/// class named in the property's <c>Arbitrary</c>, and FsCheck shrinks a failing one through
/// <see cref="ScenarioShrinker.Candidates"/> (one element fewer at a time, only well-formed documents). A failure prints
/// the shrunk scenario JSON and FsCheck's replay seed (<c>[Property(Replay = "...")]</c> plays that case again); the
/// suite itself draws new cases on every run, so CI keeps exploring.
/// </summary>
public static class ScenarioArbitraries
{
    /// <summary>Scenarios per property, as many as the engine runs in a few seconds.</summary>
    public const int Cases = 150;

    /// <summary>Choices drawn per scenario: more than the largest scenario reads (a few thousand for 150 events).</summary>
    internal const int ChoicesPerScenario = 4096;

    /// <summary>The choices of one scenario.</summary>
    internal static Gen<int[]> ChoiceLists() => Gen.ArrayOf(Gen.Choose(0, int.MaxValue), ChoicesPerScenario);

    internal static Gen<GeneratedScenario> Scenarios(GenerationOptions options) =>
        ChoiceLists().Select(choices => ScenarioGenerator.Generate(choices, options));

    internal static Arbitrary<GeneratedScenario> For(GenerationOptions options) => Arb.From(Scenarios(options), ScenarioShrinker.Candidates);

    /// <summary>A scenario of <see cref="GenerationOptions.Default"/> and the same scenario with its events listed in an order FsCheck shuffles.</summary>
    internal static Arbitrary<ReorderedScenario> Reordered() =>
        Arb.From(
            from scenario in Scenarios(GenerationOptions.Default)
            from order in Gen.Shuffle(Enumerable.Range(0, scenario.Events.Count))
            select new ReorderedScenario(scenario, scenario.WithEventsInOrder(order)),
            pair => ScenarioShrinker.Candidates(pair.Original).Select(smaller => new ReorderedScenario(smaller, smaller.WithEventsInOrder([.. Enumerable.Range(0, smaller.Events.Count).Reverse()]))));
}

/// <summary>A scenario and the same scenario with its events in another document order.</summary>
public sealed record ReorderedScenario(GeneratedScenario Original, GeneratedScenario Reordered)
{
    public override string ToString() => Reordered.ToJson();
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

/// <summary>Scenarios of <see cref="GenerationOptions.Default"/> with their events listed in a shuffled order.</summary>
public static class ReorderedScenarios
{
    public static Arbitrary<ReorderedScenario> Scenario() => ScenarioArbitraries.Reordered();
}
