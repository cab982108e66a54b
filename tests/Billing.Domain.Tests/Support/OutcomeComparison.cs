using System.Globalization;
using System.Text.Json;

namespace Billing.Domain.Tests.Support;

/// <summary>
/// Compares two scenario outcomes by the format's rules: invoices, lines, packs and timeline entries are
/// unordered sets, amounts compare as decimals ("5.0" equals "5.00"), rejections match by event id.
/// Returns the differences as readable lines (empty when equal).
/// </summary>
internal static class OutcomeComparison
{
    public static IReadOnlyList<string> Differences(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        var differences = new List<string>();
        Compare("invoices", expected.RootElement, actual.RootElement, Invoice, differences);
        Compare("packs", expected.RootElement, actual.RootElement, e => $"{S(e, "customer")}|{S(e, "code")}|{D(e, "remaining")}", differences);
        Compare("credit", expected.RootElement, actual.RootElement, e => $"{S(e, "customer")}|{D(e, "amount")}", differences);
        Compare("timeline", expected.RootElement, actual.RootElement, e => $"{S(e, "customer")}|{S(e, "at")}|{S(e, "action")}|{S(e, "period")}|{S(e, "pack")}", differences);
        Compare("rejectedEvents", expected.RootElement, actual.RootElement, e => S(e, "id"), differences);
        return differences;
    }

    private static void Compare(string name, JsonElement expected, JsonElement actual, Func<JsonElement, string> key, List<string> differences)
    {
        var want = Keys(expected, name, key);
        var got = Keys(actual, name, key);
        foreach (var missing in want.Except(got))
        {
            differences.Add($"{name}: missing {missing}");
        }

        foreach (var extra in got.Except(want))
        {
            differences.Add($"{name}: unexpected {extra}");
        }
    }

    private static List<string> Keys(JsonElement root, string name, Func<JsonElement, string> key) =>
        root.TryGetProperty(name, out var array) ? array.EnumerateArray().Select(key).Order(StringComparer.Ordinal).ToList() : [];

    private static string Invoice(JsonElement e)
    {
        var lines = e.GetProperty("lines").EnumerateArray()
            .Select(l => $"{S(l, "code")}={D(l, "quantity")}:{D(l, "amount")}")
            .Order(StringComparer.Ordinal);
        return string.Join("|", S(e, "customer"), S(e, "kind"), S(e, "period"), S(e, "issuedAt"), S(e, "dueAt"), S(e, "currency"),
            "[" + string.Join(",", lines) + "]", D(e, "subtotal"), D(e, "discount"), D(e, "tax"), D(e, "total"), D(e, "paid"), S(e, "status"));
    }

    private static string S(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "null";

    private static string D(JsonElement e, string name)
    {
        var text = S(e, name);
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? (value / 1.000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
            : text;
    }
}
