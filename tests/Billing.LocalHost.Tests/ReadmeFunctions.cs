using System.Text.RegularExpressions;
using Billing.Storage.Emulator;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The README's table of functions (section <c>## Functions</c>): one row per function, its name in the first column
/// and its trigger in the second, each trigger line in backticks (<c>`GET /api/health`</c>, <c>`queue usage-batches`</c>,
/// <c>`timer %Billing:SettlementSchedule%`</c>), several separated by commas.
/// </summary>
public static partial class ReadmeFunctions
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        int start = readme.IndexOf("\n## Functions\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Functions' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? readme[start..] : readme[start..end];
        var functions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(section))
        {
            string[] triggers = [.. Code().Matches(row.Groups["trigger"].Value).Select(m => m.Groups[1].Value)];
            functions.Add(row.Groups["name"].Value, triggers);
        }

        return functions;
    }

    [GeneratedRegex(@"^\| `(?<name>[A-Za-z]+)` \| (?<trigger>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
