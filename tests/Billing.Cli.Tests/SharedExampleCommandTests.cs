using Billing.Cli.Tests.Support;
using Billing.Domain.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>
/// <c>billing scenario run</c> on every shared example, subfolders (<c>models/</c>) included, prints the
/// example's expected outcome (compared by the format's rules).
/// </summary>
public sealed class SharedExampleCommandTests
{
    public static TheoryData<string> Examples() => new(Names());

    /// <summary>Each example's path below the shared folder without <c>.json</c>.</summary>
    private static List<string> Names() =>
        Directory.GetFiles(SharedScenarios.Folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(SharedScenarios.Folder, f), null).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_models_folder_is_among_the_examples() =>
        Assert.Contains("models/pricing-models", Names());

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Scenario_run_prints_the_expected_outcome_of_each_shared_example(string name)
    {
        var result = await BillingProgram.RunAsync("scenario", "run", Path.Combine(SharedScenarios.Folder, name + ".json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
        Assert.Empty(OutcomeComparison.Differences(File.ReadAllText(Path.Combine(SharedScenarios.Folder, name + ".expected.json")), result.StdOut));
    }
}
