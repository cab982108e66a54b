using System.Text.Json.Nodes;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>
/// A catalog's codes, meter properties and display text (README, "Catalog: meters and pricing models"): meter, plan
/// and charge codes are ids as customer ids are (no '/', '#', '?', '@', NUL, spaces; at most 64 characters); a meter's
/// property is a name ingestion accepts on an event; names and units are at most 100 characters of plain text. A
/// catalog that breaks one exits 2 naming the field.
/// </summary>
public sealed class CatalogCodeAndTextTests
{
    private const string Valid = """
        {
          "start": "2026-01-01T00:00:00Z", "end": "2026-02-01T03:00:00Z", "timezone": "UTC", "currency": "USD",
          "meters": [ { "code": "api_calls", "aggregation": "sum", "property": "quantity", "name": "API calls", "unit": "call" },
                      { "code": "devices", "aggregation": "count" } ],
          "plans": [ { "code": "std", "period": "month", "paymentTermsDays": 30,
                       "charges": [ { "code": "calls", "meter": "api_calls", "model": "per_unit", "unitPrice": "0.01", "name": "Calls" },
                                    { "code": "platform", "model": "flat", "amount": "10.00" } ],
                       "freeQuota": [ { "meter": "api_calls", "quantity": "100", "per": "period" } ] } ],
          "customers": [ { "id": "acme", "plan": "std" } ],
          "events": [ { "id": "e1", "customer": "acme", "meter": "api_calls", "at": "2026-01-05T00:00:00Z", "properties": { "quantity": 150 } } ]
        }
        """;

    private const string NotAnId = "must be 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";

    private const string NotAPropertyName = "must be a name an event property can have";

    private const string NotPlain = "must not contain control characters";

    public static TheoryData<string, string, string> Refused() => new()
    {
        { "meters[0].code", "m/x#?\\", NotAnId },
        { "meters[0].code", new string('m', 300), NotAnId },
        { "meters[0].code", new string('m', 65), NotAnId },
        { "meters[0].code", "m\u0000x", NotAnId },
        { "meters[0].code", "api calls", NotAnId },
        { "meters[0].code", "_calls", NotAnId },
        { "plans[0].code", "a/b#?", NotAnId },
        { "plans[0].charges[0].code", "a/b@c", NotAnId },
        { "plans[0].charges[1].code", "platform@2026-01", NotAnId },
        { "plans[0].charges[0].meter", "api_calls\nx", NotAnId },
        { "plans[0].freeQuota[0].meter", "api/calls", NotAnId },
        { "meters[0].property", "bad name", NotAPropertyName },
        { "meters[0].property", "RowKey", NotAPropertyName },
        { "meters[0].property", "timestamp", NotAPropertyName },
        { "meters[0].property", "gb-out", NotAPropertyName },
        { "meters[1].property", "bad name", NotAPropertyName },
        { "meters[0].name", "API\u2028calls", NotPlain },
        { "meters[0].name", "API\u2029calls", NotPlain },
        { "meters[0].unit", "call\u202E", NotPlain },
        { "meters[0].unit", "a\u2066b", NotPlain },
        { "meters[0].name", "API\uFDD0", NotPlain },
        { "meters[0].name", "API\tcalls", NotPlain },
        { "plans[0].charges[0].name", "Calls\u0000", NotPlain },
        { "plans[0].charges[0].unit", "\u202Dcall", NotPlain },
        { "plans[0].charges[0].unit", new string('u', 101), "must be at most 100 characters" },
    };

    [Fact]
    public async Task The_unchanged_scenario_runs()
    {
        var result = await BillingProgram.RunScenarioAsync(Valid);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_code_property_or_text_outside_its_rule_exits_2_naming_the_field(string path, string value, string problem)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        JsonPaths.Set(root, path, value);

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.StartsWith($"{path}: {problem}", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_names_and_units_at_the_edge_of_their_rules_are_accepted()
    {
        var code = "A" + new string('x', 60) + "._-";
        var root = JsonNode.Parse(Valid)!.AsObject();
        JsonPaths.Set(root, "meters[0].code", code);
        JsonPaths.Set(root, "meters[0].property", "_" + new string('q', 254));
        JsonPaths.Set(root, "meters[0].name", "שיחות API\u200F");
        JsonPaths.Set(root, "meters[0].unit", new string('u', 100));
        JsonPaths.Set(root, "plans[0].code", "9.std-plan_v2");
        JsonPaths.Set(root, "plans[0].charges[0].meter", code);
        JsonPaths.Set(root, "plans[0].charges[0].name", "调用次数");
        JsonPaths.Set(root, "plans[0].freeQuota[0].meter", code);
        JsonPaths.Set(root, "customers[0].plan", "9.std-plan_v2");
        JsonPaths.Set(root, "events[0].meter", code);
        root["events"]![0]!["properties"] = new JsonObject { ["_" + new string('q', 254)] = 150 };

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
        var line = JsonNode.Parse(result.StdOut)!["invoices"]![0]!["lines"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "calls")!;
        Assert.Equal("50", line["quantity"]!.GetValue<string>());   // 150 calls metered through the long property, 100 free
    }
}
