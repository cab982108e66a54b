using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Rules;

/// <summary>A payment plan holds an invoice's dunning while installments are met; a missed installment resumes the ladder.</summary>
public sealed class PaymentPlanTests
{
    // January: 100.00, invoiced 2026-02-01T02:00Z (2 h grace), due 10 days later (2026-02-11T02:00Z).
    // Default ladder: remind -3 / remind 0 / throttle +7 / backup +14 / suspend +14.
    internal const string Scenario = """
        {
          "start": "2026-01-01T00:00:00Z", "end": "2026-04-01T00:00:00Z", "timezone": "UTC", "currency": "USD",
          "meters": [ { "code": "calls", "aggregation": "sum", "property": "quantity" } ],
          "plans": [ { "code": "p", "period": "month", "paymentTermsDays": 10,
                       "charges": [ { "code": "base", "model": "flat", "amount": "100.00" } ] } ],
          "customers": [ { "id": "acme", "plan": "p" } ],
          "paymentPlans": [ { "customer": "acme", "period": "2026-01", "createdAt": "2026-02-09T00:00:00Z",
                              "installments": [ { "amount": "50.00", "dueAt": "2026-02-20T00:00:00Z" },
                                                { "amount": "50.00", "dueAt": "2026-03-05T00:00:00Z" } ] } ],
          "payments": [ { "id": "i1", "customer": "acme", "at": "2026-02-19T00:00:00Z", "amount": "50.00", "period": "2026-01" } ]
        }
        """;

    [Fact]
    public void Met_installments_hold_dunning_and_a_missed_one_resumes_the_ladder_from_its_due_date()
    {
        var (_, json) = ScenarioRun.Execute(Scenario);
        var january = System.Text.Json.Nodes.JsonNode.Parse(json)!["timeline"]!.AsArray()
            .Where(e => e!["period"]!.GetValue<string>() == "2026-01")
            .Select(e => (e!["at"]!.GetValue<string>(), e["action"]!.GetValue<string>()))
            .ToList();

        // The reminder 3 days before due (02-08) ran before the plan (02-09): the ladder had run 1 step.
        // The second installment is missed at 03-05: the ladder resumes at step 2 (remind at due), counted from 03-05.
        Assert.Equal(
        [
            ("2026-02-08T02:00:00Z", "remind"),
            ("2026-03-05T00:00:00Z", "remind"),
            ("2026-03-12T00:00:00Z", "throttle"),
            ("2026-03-19T00:00:00Z", "backup"),
            ("2026-03-19T00:00:00Z", "suspend"),
        ],
            january);
    }

    [Fact]
    public void Paying_every_installment_runs_no_more_dunning()
    {
        var paid = Scenario.Replace(
            "\"payments\": [",
            "\"payments\": [ { \"id\": \"i2\", \"customer\": \"acme\", \"at\": \"2026-03-04T00:00:00Z\", \"amount\": \"50.00\", \"period\": \"2026-01\" },",
            StringComparison.Ordinal);

        var (_, json) = ScenarioRun.Execute(paid);
        var january = System.Text.Json.Nodes.JsonNode.Parse(json)!["timeline"]!.AsArray()
            .Where(e => e!["period"]!.GetValue<string>() == "2026-01")
            .Select(e => e!["action"]!.GetValue<string>());

        Assert.Equal(["remind"], january);
    }
}
