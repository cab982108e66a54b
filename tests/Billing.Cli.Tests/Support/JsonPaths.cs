using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Billing.Cli.Tests.Support;

/// <summary>Changes a scenario document at a JSON path as the runner's faults name it (<c>customers[0].packs[0].price</c>).</summary>
internal static partial class JsonPaths
{
    /// <summary>Sets the value at <paramref name="path"/>; the objects and arrays on the way must exist.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode node = root;
        var steps = path.Split('.');
        for (var i = 0; i < steps.Length; i++)
        {
            var match = Step().Match(steps[i]);
            var name = match.Groups["name"].Value;
            if (!match.Groups["index"].Success)
            {
                if (i == steps.Length - 1)
                {
                    node[name] = value;
                    return;
                }

                node = node[name]!;
                continue;
            }

            node = node[name]![int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)]!;
        }
    }

    [GeneratedRegex(@"^(?<name>\w+)(\[(?<index>\d+)\])?$")]
    private static partial Regex Step();
}
