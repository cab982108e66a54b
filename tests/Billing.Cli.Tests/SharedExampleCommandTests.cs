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

    [Fact]
    public async Task Explain_shows_tier_flat_fees_and_the_free_events_value_rate_and_fixed_fees_of_a_percentage_charge()
    {
        var result = await BillingProgram.RunAsync("scenario", "explain", Path.Combine(SharedScenarios.Folder, "models", "pricing-models.json"), "--customer", "shop", "--period", "2026-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("tier (0, 1000]: 1000 x 0.01 = 10.00, flat fee 2.00, = 12.00", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("tier (0, 1000]: 1000 x 1.0 % = 10.00, flat fee 5.00, = 15.00", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("volume tier for 11: 11 x 6 = 66, flat fee 50, = 116", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("5 events, the first 2 free; paying value 1055.24 x 2.9 % = 30.60196; fixed fees 3 x 0.30 = 0.90", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("seats: quantity 11, amount 116.00\n  volume on meter seats: usage 11,", result.StdOut, StringComparison.Ordinal);
    }
}
