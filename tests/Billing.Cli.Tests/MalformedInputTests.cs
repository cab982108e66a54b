using System.Text.Json.Nodes;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>
/// A malformed or inconsistent scenario: exit 2, nothing on stdout, and exactly one line on stderr that
/// starts with the JSON path of the fault. Each case changes one thing in a valid scenario.
/// </summary>
public sealed class MalformedInputTests
{
    private const string Valid = """
        {
          "start": "2026-01-01T00:00:00Z",
          "end": "2026-02-01T03:00:00Z",
          "timezone": "UTC",
          "currency": "USD",
          "meters": [ { "code": "api_calls", "aggregation": "sum", "property": "quantity" },
                      { "code": "egress", "aggregation": "sum", "property": "gb" } ],
          "plans": [ { "code": "std", "period": "month", "paymentTermsDays": 30,
                       "charges": [ { "code": "calls", "meter": "api_calls", "model": "graduated",
                                      "tiers": [ { "upTo": "100", "unitPrice": "0.10" }, { "upTo": null, "unitPrice": "0.05" } ] },
                                    { "code": "platform", "model": "flat", "amount": "10.00" } ] } ],
          "customers": [
            { "id": "acme", "plan": "std",
              "coupons": [ { "code": "W", "percentOff": "10", "periods": 1 } ],
              "packs": [ { "code": "p1", "meter": "api_calls", "quantity": "100", "price": "8.00",
                           "purchasedAt": "2026-01-01T00:00:00Z", "validFrom": "2026-01-01T00:00:00Z",
                           "validTo": "2026-03-01T00:00:00Z", "allocation": "once" } ] },
            { "id": "dev", "plan": "std", "parent": "acme", "childBilling": "pooled" }
          ],
          "events": [ { "id": "e1", "customer": "acme", "meter": "api_calls", "at": "2026-01-05T00:00:00Z", "properties": { "quantity": 10 } } ],
          "payments": [ { "id": "pay1", "customer": "acme", "at": "2026-01-20T00:00:00Z", "amount": "5.00", "period": "2026-01" } ]
        }
        """;

    private static readonly Dictionary<string, Action<JsonObject>> Mutations = new(StringComparer.Ordinal)
    {
        ["missing start"] = r => r.Remove("start"),
        ["missing end"] = r => r.Remove("end"),
        ["missing currency"] = r => r.Remove("currency"),
        ["missing timezone"] = r => r.Remove("timezone"),
        ["end before start"] = r => r["end"] = "2025-12-31T00:00:00Z",
        ["unknown time zone"] = r => r["timezone"] = "Mars/Olympus_Mons",
        ["bad currency"] = r => r["currency"] = "usd",
        ["start without offset"] = r => r["start"] = "2026-01-01T00:00:00",
        ["unknown plan"] = r => Customer(r, 0)["plan"] = "gold",
        ["pack validTo before validFrom"] = r => Pack(r)["validTo"] = "2025-12-01T00:00:00Z",
        ["pack price not a decimal"] = r => Pack(r)["price"] = "8,00",
        ["tiers not ascending"] = r => Tiers(r).Insert(1, new JsonObject { ["upTo"] = "50", ["unitPrice"] = "0.09" }),
        ["last tier bounded"] = r => Tiers(r)[1]!["upTo"] = "1000",
        ["unknown meter in a charge"] = r => Charge(r, 0)["meter"] = "gpu_hours",
        ["duplicate meter code"] = r => r["meters"]![1]!["code"] = "api_calls",
        ["duplicate charge code"] = r => Charge(r, 1)["code"] = "calls",
        ["duplicate plan code"] = r => r["plans"]!.AsArray().Add(r["plans"]![0]!.DeepClone()),
        ["duplicate customer id"] = r => Customer(r, 1)["id"] = "acme",
        ["coupon with both percentOff and amountOff"] = r => r["customers"]![0]!["coupons"]![0]!["amountOff"] = "5.00",
        ["unknown parent"] = r => Customer(r, 1)["parent"] = "nobody",
        ["customer id outside the id alphabet"] = r => Customer(r, 0)["id"] = "acme corp",
        ["customer email not an address"] = r => Customer(r, 0)["email"] = "not-an-email",
        ["customer name with a line break"] = r => Customer(r, 0)["name"] = "Acme\r\nBcc: everyone@victim.test",
        ["customer name with a bidi override"] = r => Customer(r, 0)["name"] = "Acme \u202Egnp.exe",
        ["customer locale not supported"] = r => Customer(r, 0)["locale"] = "xx-YY",
        ["payment for unknown customer"] = r => Payment(r)["customer"] = "nobody",
        ["payment period malformed"] = r => Payment(r)["period"] = "2026-1",
        ["payment amount not a decimal"] = r => Payment(r)["amount"] = "ten",
        ["event missing id"] = r => Event(r).Remove("id"),
        ["event time without offset"] = r => Event(r)["at"] = "2026-01-05T00:00:00",
    };

    [Fact]
    public async Task The_unchanged_scenario_runs()
    {
        using var scratch = new ScratchFolder();

        var result = await BillingProgram.RunAsync("scenario", "run", scratch.Write("valid.json", Valid));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
    }

    [Fact]
    public void Every_mutation_has_a_case() =>
        Assert.Equal(Mutations.Keys.Order(StringComparer.Ordinal), Cases().Select(c => (string)c[0]).Order(StringComparer.Ordinal));

    public static TheoryData<string, string> Cases() => new()
    {
        { "missing start", "start: required" },
        { "missing end", "end: required" },
        { "missing currency", "currency: required" },
        { "missing timezone", "timezone: required" },
        { "end before start", "end: " },
        { "unknown time zone", "timezone: " },
        { "bad currency", "currency: " },
        { "start without offset", "start: " },
        { "unknown plan", "customers[0].plan: " },
        { "pack validTo before validFrom", "customers[0].packs[0].validTo: before validFrom" },
        { "pack price not a decimal", "customers[0].packs[0].price: " },
        { "tiers not ascending", "plans[0].charges[0].tiers[1].upTo: " },
        { "last tier bounded", "plans[0].charges[0].tiers: " },
        { "unknown meter in a charge", "plans[0].charges[0].meter: " },
        { "duplicate meter code", "meters[1].code: " },
        { "duplicate charge code", "plans[0].charges[1].code: " },
        { "duplicate plan code", "plans[1].code: " },
        { "duplicate customer id", "customers[1].id: " },
        { "coupon with both percentOff and amountOff", "customers[0].coupons[0]: " },
        { "unknown parent", "customers[1].parent: " },
        { "customer id outside the id alphabet", "customers[0].id: " },
        { "customer email not an address", "customers[0].email: " },
        { "customer name with a line break", "customers[0].name: " },
        { "customer name with a bidi override", "customers[0].name: " },
        { "customer locale not supported", "customers[0].locale: " },
        { "payment for unknown customer", "payments[0].customer: " },
        { "payment period malformed", "payments[0].period: " },
        { "payment amount not a decimal", "payments[0].amount: " },
        { "event missing id", "events[0].id: " },
        { "event time without offset", "events[0].at: " },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_scenario_exits_2_with_one_line_naming_the_path(string fault, string expectedStart)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        Mutations[fault](root);

        await AssertRejected(root.ToJsonString(), expectedStart);
    }

    [Theory]
    [InlineData("{ \"start\": ", "$: ")]
    [InlineData("not json at all", "$: ")]
    [InlineData("[]", "$: ")]
    [InlineData("\"a string\"", "$: ")]
    public async Task A_file_that_is_not_a_json_object_exits_2(string content, string expectedStart) =>
        await AssertRejected(content, expectedStart);

    [Fact]
    public async Task A_missing_file_exits_2_with_one_line()
    {
        using var scratch = new ScratchFolder();

        var result = await BillingProgram.RunAsync("scenario", "run", scratch.File("absent.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.StartsWith("absent.json: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    private static async Task AssertRejected(string content, string expectedStart)
    {
        var result = await BillingProgram.RunScenarioAsync(content);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
        Assert.Matches("^[^ ]+: [^ ]", line);   // "path: problem"
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line[expectedStart.Length..], StringComparison.Ordinal);
    }

    private static JsonObject Customer(JsonObject root, int index) => root["customers"]![index]!.AsObject();

    private static JsonObject Pack(JsonObject root) => root["customers"]![0]!["packs"]![0]!.AsObject();

    private static JsonObject Charge(JsonObject root, int index) => root["plans"]![0]!["charges"]![index]!.AsObject();

    private static JsonArray Tiers(JsonObject root) => Charge(root, 0)["tiers"]!.AsArray();

    private static JsonObject Payment(JsonObject root) => root["payments"]![0]!.AsObject();

    private static JsonObject Event(JsonObject root) => root["events"]![0]!.AsObject();
}
