using System.Text.Json.Nodes;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>
/// Inconsistent pricing models (scenario-format.md, "Pricing models"): exit 2 with one line naming the JSON path.
/// Each case changes one thing in a valid scenario that uses every new model.
/// </summary>
public sealed class PricingModelValidationTests
{
    private const string Valid = """
        {
          "start": "2026-01-01T00:00:00Z", "end": "2026-02-01T03:00:00Z", "timezone": "UTC", "currency": "USD",
          "meters": [ { "code": "payments", "aggregation": "sum", "property": "amount" },
                      { "code": "seats", "aggregation": "latest", "property": "seats" },
                      { "code": "gb", "aggregation": "sum", "property": "gb", "rounding": { "increment": "1", "mode": "up" } } ],
          "plans": [ { "code": "std", "period": "month", "paymentTermsDays": 30,
                       "charges": [ { "code": "card", "meter": "payments", "model": "percentage", "rate": "2.9", "fixedAmount": "0.30", "freeEvents": 2 },
                                    { "code": "gmv", "meter": "payments", "model": "graduated_percentage",
                                      "tiers": [ { "upTo": "1000", "rate": "1.0", "flatAmount": "5.00" }, { "upTo": null, "rate": "0.5" } ] },
                                    { "code": "seats", "meter": "seats", "model": "volume",
                                      "tiers": [ { "upTo": "10", "unitPrice": "8", "flatAmount": "20" }, { "upTo": null, "unitPrice": "6" } ] } ] } ],
          "customers": [ { "id": "shop", "plan": "std" } ],
          "events": [ { "id": "p1", "customer": "shop", "meter": "payments", "at": "2026-01-05T00:00:00Z", "properties": { "amount": "10.00" } } ]
        }
        """;

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "percentage on a latest meter", """{"code":"card","meter":"seats","model":"percentage","rate":"2.9"}""", "plans[0].charges[0].meter: " },
        { "percentage on a meter with rounding", """{"code":"card","meter":"gb","model":"percentage","rate":"2.9"}""", "plans[0].charges[0].meter: " },
        { "graduated percentage on a latest meter", """{"code":"card","meter":"seats","model":"graduated_percentage","tiers":[{"upTo":null,"rate":"1"}]}""", "plans[0].charges[0].meter: " },
        { "negative rate", """{"code":"card","meter":"payments","model":"percentage","rate":"-2.9"}""", "plans[0].charges[0].rate: must not be negative" },
        { "negative fixed amount", """{"code":"card","meter":"payments","model":"percentage","rate":"2.9","fixedAmount":"-0.30"}""", "plans[0].charges[0].fixedAmount: must not be negative" },
        { "negative free events", """{"code":"card","meter":"payments","model":"percentage","rate":"2.9","freeEvents":-1}""", "plans[0].charges[0].freeEvents: must not be negative" },
        { "missing rate", """{"code":"card","meter":"payments","model":"percentage"}""", "plans[0].charges[0].rate: required" },
        { "tier with both unitPrice and rate", """{"code":"card","meter":"payments","model":"graduated_percentage","tiers":[{"upTo":null,"rate":"1","unitPrice":"0.1"}]}""", "plans[0].charges[0].tiers[0]: " },
        { "percentage tier with neither", """{"code":"card","meter":"payments","model":"graduated_percentage","tiers":[{"upTo":null,"flatAmount":"1"}]}""", "plans[0].charges[0].tiers[0]: " },
        { "graduated tier with rate", """{"code":"card","meter":"payments","model":"graduated","tiers":[{"upTo":null,"rate":"1"}]}""", "plans[0].charges[0].tiers[0]: " },
        { "negative tier rate", """{"code":"card","meter":"payments","model":"graduated_percentage","tiers":[{"upTo":null,"rate":"-1"}]}""", "plans[0].charges[0].tiers[0].rate: must not be negative" },
        { "negative flat amount", """{"code":"card","meter":"payments","model":"volume","tiers":[{"upTo":null,"unitPrice":"1","flatAmount":"-5"}]}""", "plans[0].charges[0].tiers[0].flatAmount: must not be negative" },
    };

    [Fact]
    public async Task The_unchanged_scenario_runs()
    {
        using var scratch = new ScratchFolder();

        var result = await BillingProgram.RunAsync("scenario", "run", scratch.Write("valid.json", Valid));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_inconsistent_pricing_model_exits_2_naming_the_path(string fault, string charge, string expectedStart)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        root["plans"]![0]!["charges"]![0] = JsonNode.Parse(charge);

        var result = await BillingProgram.RunScenarioAsync(root.ToJsonString());

        Assert.True(result.ExitCode == 2, fault);
        Assert.Empty(result.StdOut);
        Assert.StartsWith(expectedStart, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
