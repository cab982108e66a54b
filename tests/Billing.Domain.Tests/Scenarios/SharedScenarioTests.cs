using Billing.Domain.Tests.Support;
using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Scenarios;

/// <summary>
/// Every example in <c>../shared/scenarios</c> and its subfolders (<c>models/</c>) plays to its expected
/// outcome; new files are picked up. An example is named by its path without <c>.json</c>, e.g. <c>models/pricing-models</c>.
/// </summary>
public sealed class SharedScenarioTests
{
    public static TheoryData<string> Examples() => new(Names());

    /// <summary>Each example's path below the shared folder without <c>.json</c>.</summary>
    private static List<string> Names() =>
        Directory.GetFiles(RepositoryPaths.SharedScenarios, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(RepositoryPaths.SharedScenarios, f), null).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_shared_examples_are_found() => Assert.NotEmpty(Examples());

    [Fact]
    public void The_pricing_model_example_in_the_models_folder_is_played() =>
        Assert.Contains("models/pricing-models", Names());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Shared_example_plays_to_its_expected_outcome(string name)
    {
        var scenario = File.ReadAllText(Path.Combine(RepositoryPaths.SharedScenarios, name + ".json"));
        var expected = File.ReadAllText(Path.Combine(RepositoryPaths.SharedScenarios, name + ".expected.json"));

        var (_, actual) = ScenarioRun.Execute(scenario);

        Assert.Empty(OutcomeComparison.Differences(expected, actual));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Playing_an_example_twice_gives_identical_json(string name)
    {
        var scenario = File.ReadAllText(Path.Combine(RepositoryPaths.SharedScenarios, name + ".json"));

        Assert.Equal(ScenarioRun.Execute(scenario).Json, ScenarioRun.Execute(scenario).Json);
    }

    [Fact]
    public void Comparison_notices_a_changed_amount_and_ignores_decimal_notation()
    {
        var expected = File.ReadAllText(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.expected.json"));

        Assert.NotEmpty(OutcomeComparison.Differences(expected, expected.Replace("\"1211.01\"", "\"1211.02\"", StringComparison.Ordinal)));
        Assert.Empty(OutcomeComparison.Differences(expected, expected.Replace("\"1211.01\"", "\"1211.010\"", StringComparison.Ordinal)));
    }
}
