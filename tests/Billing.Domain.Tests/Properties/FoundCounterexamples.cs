using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Properties;

/// <summary>Counterexamples the generated properties found, kept as plain examples once fixed.</summary>
public sealed class FoundCounterexamples
{
    /// <summary>
    /// The meter's first event is late: nothing was billed on it when February was settled, so March's
    /// invoice gets <c>peak@2026-02</c> = round(price of 49.8) − round(price of 0). The engine used to throw
    /// because the meter had no settled totals for February.
    /// </summary>
    [Fact]
    public void A_late_event_on_a_meter_with_no_earlier_usage_is_billed_as_a_late_line()
    {
        const string scenario = """
        {
          "start": "2026-02-01T00:00:00Z", "end": "2026-04-01T03:00:00Z", "timezone": "UTC", "currency": "EUR",
          "meters": [ { "code": "qps", "aggregation": "max", "property": "qps" } ],
          "plans": [ { "code": "std", "period": "month", "paymentTermsDays": 14,
                       "charges": [ { "code": "peak", "meter": "qps", "model": "per_unit", "unitPrice": "2.00" } ] } ],
          "customers": [ { "id": "acme", "plan": "std" } ],
          "events": [ { "id": "e-1", "customer": "acme", "meter": "qps", "at": "2026-02-28T17:11:26Z",
                        "receivedAt": "2026-03-03T09:11:26Z", "properties": { "qps": 49.8 } } ]
        }
        """;

        var march = ScenarioRun.Execute(scenario).Outcome.Invoices.Single(r => r.Invoice.Period == "2026-03").Invoice;

        var late = Assert.Single(march.Lines, l => l.Code == "peak@2026-02");
        Assert.Equal(49.8m, late.Quantity);
        Assert.Equal(99.60m, late.Amount);
    }
}
