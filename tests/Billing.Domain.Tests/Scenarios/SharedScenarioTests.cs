using Billing.Domain.Tests.Support;
using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Scenarios;

/// <summary>Every example in <c>../shared/scenarios</c> plays to its expected outcome; new files are picked up.</summary>
public sealed class SharedScenarioTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.SharedScenarios, "*.json")
                     .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void The_shared_examples_are_found() => Assert.NotEmpty(Examples());

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
