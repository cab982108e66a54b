using System.Text.Json;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary><c>billing scenario run FILE [--out R.json]</c> on a shared example, as a user runs it.</summary>
public sealed class ScenarioRunCommandTests
{
    private static readonly string Example = Path.Combine(SharedScenarios.Folder, "postpaid-basics.json");

    [Fact]
    public async Task Run_prints_the_outcome_json_and_exits_0()
    {
        var result = await BillingProgram.RunAsync("scenario", "run", Example);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
        Assert.Equal(Totals(File.ReadAllText(Path.Combine(SharedScenarios.Folder, "postpaid-basics.expected.json"))), Totals(result.StdOut));
    }

    [Fact]
    public async Task Run_with_out_writes_the_outcome_to_the_file_and_nothing_to_stdout()
    {
        using var scratch = new ScratchFolder();
        var target = scratch.File("outcome.json");

        var result = await BillingProgram.RunAsync("scenario", "run", Example, "--out", target);
        var printed = await BillingProgram.RunAsync("scenario", "run", Example);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.Empty(result.StdErr);
        Assert.Equal(printed.StdOut, File.ReadAllText(target));
    }

    [Fact]
    public async Task Explain_describes_one_invoice_and_exits_0()
    {
        var result = await BillingProgram.RunAsync("scenario", "explain", Example, "--customer", "acme", "--period", "2026-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("calls", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1211.01", result.StdOut, StringComparison.Ordinal);
    }

    /// <summary>Each invoice as customer|kind|period|total, sorted: enough to tell the right outcome from a wrong one.</summary>
    private static List<string> Totals(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("invoices").EnumerateArray()
            .Select(i => string.Join('|', i.GetProperty("customer").GetString(), i.GetProperty("kind").GetString(), i.GetProperty("period").ToString(), decimal.Parse(i.GetProperty("total").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
