using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Rules;

/// <summary>A customer's risk level picks its dunning ladder; without one the catalog's policy applies.</summary>
public sealed class DunningLadderTests
{
    private const string Scenario = """
        {
          "start": "2026-01-01T00:00:00Z", "end": "2026-04-01T00:00:00Z", "timezone": "UTC", "currency": "USD",
          "meters": [ { "code": "calls", "aggregation": "sum", "property": "quantity" } ],
          "plans": [ { "code": "p", "period": "month", "paymentTermsDays": 10,
                       "charges": [ { "code": "base", "model": "flat", "amount": "10.00" } ] } ],
          "dunning": { "steps": [ { "afterDueDays": 0, "action": "remind" } ] },
          "dunningLadders": { "high": { "steps": [ { "afterDueDays": 1, "action": "throttle" }, { "afterDueDays": 2, "action": "suspend" } ] } },
          "customers": [
            { "id": "careful", "plan": "p" },
            { "id": "risky", "plan": "p", "riskLevel": "high" }
          ]
        }
        """;

    [Fact]
    public void A_high_risk_customer_follows_the_high_ladder_and_others_the_default()
    {
        var (_, json) = ScenarioRun.Execute(Scenario);
        var timeline = System.Text.Json.Nodes.JsonNode.Parse(json)!["timeline"]!.AsArray()
            .Where(e => e!["period"]!.GetValue<string>() == "2026-01")
            .Select(e => (Customer: e!["customer"]!.GetValue<string>(), At: e["at"]!.GetValue<string>(), Action: e["action"]!.GetValue<string>()))
            .ToList();

        // January is invoiced at 2026-02-01T02:00Z (2 h grace) and due 10 days later, 2026-02-11T02:00Z.
        Assert.Equal([("careful", "2026-02-11T02:00:00Z", "remind")], timeline.Where(e => e.Customer == "careful"));
        Assert.Equal(
            [("risky", "2026-02-12T02:00:00Z", "throttle"), ("risky", "2026-02-13T02:00:00Z", "suspend")],
            timeline.Where(e => e.Customer == "risky"));
    }

    [Fact]
    public void An_unknown_risk_level_is_refused_with_its_path()
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioRun.Execute(Scenario.Replace("\"high\" }", "\"extreme\" }", StringComparison.Ordinal)));

        Assert.Equal("customers[1].riskLevel", error.Path);
    }
}
