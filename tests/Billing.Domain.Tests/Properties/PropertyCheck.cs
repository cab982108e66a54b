using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;
using Xunit.Sdk;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// Runs a property over generated scenarios with fixed seeds (<c>firstSeed</c>, <c>firstSeed + 1</c>, ...).
/// A failure names the seed, shrinks the scenario and prints it, so it can be replayed as it is. The
/// property gets a random source seeded from the scenario's seed for its own choices (which event to
/// repeat or raise), so a rerun makes the same choices.
/// </summary>
internal static class PropertyCheck
{
    public const int Cases = 150;

    public static void ForAll(int firstSeed, GenerationOptions options, Action<GeneratedScenario, Random> property, int cases = Cases)
    {
        for (var seed = firstSeed; seed < firstSeed + cases; seed++)
        {
            var scenario = ScenarioGenerator.Generate(seed, options);
            var failure = Run(scenario, property);
            if (failure is null)
            {
                continue;
            }

            var minimal = ScenarioShrinker.Shrink(scenario, candidate => Run(candidate, property, malformedFails: false) is not null);
            var minimalFailure = Run(minimal, property) ?? failure;
            throw new XunitException(
                $"Property fails for seed {seed} (ScenarioGenerator.Generate({seed}, {options})).{Environment.NewLine}" +
                $"{failure.GetType().Name}: {failure.Message}{Environment.NewLine}{Where(failure)}" +
                $"Shrunk scenario ({minimalFailure.GetType().Name}: {minimalFailure.Message}):{Environment.NewLine}{minimal.ToJson()}");
        }
    }

    /// <summary>The first frames of an engine exception's stack (an assertion's own stack says nothing).</summary>
    private static string Where(Exception failure) =>
        failure is XunitException || failure.StackTrace is null
            ? string.Empty
            : string.Join(Environment.NewLine, failure.StackTrace.Split(Environment.NewLine).Take(6)) + Environment.NewLine;

    /// <summary>A random source for the property's own choices, fixed by the scenario's seed.</summary>
    public static Random ChoicesFor(GeneratedScenario scenario) => new(scenario.Seed + 1_000_003);

    private static Exception? Run(GeneratedScenario scenario, Action<GeneratedScenario, Random> property, bool malformedFails = true)
    {
        try
        {
            property(scenario, ChoicesFor(scenario));
            return null;
        }
        catch (ScenarioFormatException ex)
        {
            // A generated scenario must always be valid, so a format fault is a generator bug; while shrinking,
            // a removal that makes the document malformed is simply not kept.
            return !malformedFails ? null : new InvalidOperationException($"generated scenario is malformed: {ex.Message}", ex);
        }
#pragma warning disable CA1031 // Any failure of the engine or the property is a counterexample to report.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
