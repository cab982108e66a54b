using System.Text.Json.Nodes;
using Billing.Domain.Catalog;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Pricing models (scenario-format.md, "Pricing models"). The tier table used throughout:
/// up to 100 at 0.10, up to 1000 at 0.08, above at 0.05.
/// </summary>
public sealed partial class PricingTests
{
    private static readonly Tier[] Tiers = [new(100m, 0.10m), new(1000m, 0.08m), new(null, 0.05m)];

    private static readonly string[] TierText = ["100:0.10", "1000:0.08", "*:0.05"];

    /// <summary>The January usage invoice of one customer on a plan with these charges and one event of this quantity.</summary>
    private static OutcomeInvoice January(string quantity, params JsonObject[] charges)
    {
        var scenario = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", charges)
            .Customer("acme", "std");
        if (Dec(quantity) > 0m)
        {
            scenario.Event("e1", "acme", "api_calls", "2026-01-10T00:00:00Z", quantity);
        }

        return scenario.Run().Usage("acme", "2026-01");
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0.008")]
    [InlineData("120000", "960")]
    [InlineData("0.5", "0.004")]
    public void Per_unit_is_quantity_times_unit_price(string quantity, string amount) =>
        Assert.Equal(Dec(amount), new Billing.Domain.Pricing.PerUnitPrice(0.008m).PriceOf(Dec(quantity)));

    [Fact]
    public void Every_charge_has_a_line_even_when_its_amount_is_0()
    {
        var invoice = January("0", PerUnit("calls", "api_calls", "0.01"), Package("bundles", "api_calls", "100", "50.00"));

        Assert.Equal(new[] { "bundles", "calls" }, invoice.Lines.Select(l => l.Code).Order(StringComparer.Ordinal));
        Assert.All(invoice.Lines, l => Assert.Equal(0m, l.Amount));
        Assert.All(invoice.Lines, l => Assert.Equal(0m, l.Quantity));
        Assert.Equal(0m, invoice.Total);
    }

    [Fact]
    public void A_flat_line_has_quantity_1_and_the_full_amount_each_period()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-03-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "99.00")])
            .Customer("acme", "std")
            .Run();

        Assert.Equal(new OutcomeLine("platform", 1m, 99.00m), outcome.Usage("acme", "2026-01").Line("platform"));
        Assert.Equal(new OutcomeLine("platform", 1m, 99.00m), outcome.Usage("acme", "2026-02").Line("platform"));
    }
}
