using Billing.Domain.Money;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Money is rounded to the currency's minor unit, midpoint away from zero, at each charge line, the
/// discount and the tax only; subtotal and total are sums of rounded figures.
/// </summary>
public sealed class RoundingTests
{
    [Theory]
    [InlineData("USD", "0.005", "0.01")]     // midpoint goes up, away from zero
    [InlineData("USD", "0.015", "0.02")]
    [InlineData("USD", "0.125", "0.13")]     // banker's rounding would give 0.12
    [InlineData("USD", "0.0049", "0.00")]
    [InlineData("USD", "-0.005", "-0.01")]   // away from zero on the negative side too
    [InlineData("EUR", "2.345", "2.35")]
    [InlineData("CNY", "1.005", "1.01")]
    [InlineData("JPY", "0.5", "1")]
    [InlineData("JPY", "1.5", "2")]
    [InlineData("JPY", "2.5", "3")]          // banker's rounding would give 2
    [InlineData("JPY", "0.49", "0")]
    [InlineData("JPY", "1234.5", "1235")]
    public void Amounts_round_to_the_minor_unit_with_midpoint_away_from_zero(string currency, string amount, string rounded) =>
        Assert.Equal(Dec(rounded), Currency.Of(currency).Round(Dec(amount)));

    [Theory]
    [InlineData("USD", "1.00", true)]
    [InlineData("USD", "1.000", true)]       // trailing zeros carry no precision
    [InlineData("USD", "1.005", false)]
    [InlineData("JPY", "100", true)]
    [InlineData("JPY", "100.5", false)]
    [InlineData("KWD", "1.005", true)]
    public void An_amount_holds_exactly_in_a_currency_only_within_its_minor_unit(string currency, string amount, bool exact) =>
        Assert.Equal(exact, Currency.Of(currency).HoldsExactly(Dec(amount)));

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("CNY", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    public void Minor_units_follow_the_currency(string currency, int places) =>
        Assert.Equal(places, Currency.Of(currency).MinorUnits);

    [Theory]
    [InlineData("USD", "0.005", "0.01")]
    [InlineData("USD", "0.004", "0.00")]
    [InlineData("JPY", "0.5", "1")]
    [InlineData("JPY", "0.4", "0")]
    public void A_charge_line_is_rounded_to_the_currency(string currency, string unitPrice, string amount)
    {
        var invoice = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z", currency: currency)
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", unitPrice)])
            .Customer("acme", "std")
            .Event("e1", "acme", "api_calls", "2026-01-10T00:00:00Z", "1")
            .Run().Usage("acme", "2026-01");

        Assert.Equal(Dec(amount), invoice.Line("calls").Amount);
        Assert.Equal(currency, invoice.Currency);
    }

    [Fact]
    public void Subtotal_is_the_sum_of_rounded_lines()
    {
        // Two lines of 0.005 each round to 0.01 each: the subtotal is 0.02, not round(0.01) = 0.01.
        var invoice = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("a").Meter("b")
            .Plan("std", [PerUnit("a", "a", "0.005"), PerUnit("b", "b", "0.005")])
            .Customer("acme", "std")
            .Event("e1", "acme", "a", "2026-01-10T00:00:00Z", "1")
            .Event("e2", "acme", "b", "2026-01-10T00:00:00Z", "1")
            .Run().Usage("acme", "2026-01");

        Assert.Equal(0.01m, invoice.Line("a").Amount);
        Assert.Equal(0.01m, invoice.Line("b").Amount);
        Assert.Equal(0.02m, invoice.Subtotal);
        Assert.Equal(0.02m, invoice.Total);
    }

    [Theory]
    [InlineData("USD", "0.01", "0.05", "0.10", "0.01", "0.11")]   // 10 × 0.01 = 0.10; tax 0.005 -> 0.01
    [InlineData("USD", "0.10", "0.06", "1.00", "0.06", "1.06")]
    [InlineData("JPY", "1.5", "0.1", "15", "2", "17")]            // tax 1.5 JPY -> 2
    public void Tax_is_rounded_once_and_added_to_the_total(string currency, string unitPrice, string taxRate, string subtotal, string tax, string total)
    {
        var invoice = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z", currency: currency)
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", unitPrice)])
            .Customer("acme", "std", new() { ["taxRate"] = taxRate })
            .Event("e1", "acme", "api_calls", "2026-01-10T00:00:00Z", "10")
            .Run().Usage("acme", "2026-01");

        Assert.Equal(Dec(subtotal), invoice.Subtotal);
        Assert.Equal(Dec(tax), invoice.Tax);
        Assert.Equal(Dec(total), invoice.Total);
    }
}
