using Billing.Domain.Pricing;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary><c>graduated</c>: each slice at its own tier, <c>upTo</c> inclusive, priced from zero.</summary>
public sealed partial class PricingTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0.10")]
    [InlineData("100", "10.00")]       // exactly at the first upTo: all in tier 1
    [InlineData("101", "10.08")]       // 100 × 0.10 + 1 × 0.08
    [InlineData("1000", "82.00")]      // 10 + 900 × 0.08
    [InlineData("1001", "82.05")]      // 82 + 1 × 0.05
    [InlineData("2500", "157.00")]     // 82 + 1500 × 0.05
    [InlineData("100.5", "10.04")]     // 10 + 0.5 × 0.08
    public void Graduated_prices_each_slice_at_its_own_tier(string quantity, string amount) =>
        Assert.Equal(Dec(amount), new GraduatedPrice(Tiers).PriceOf(Dec(quantity)));

    [Theory]
    [InlineData("100", "10.00")]
    [InlineData("101", "10.08")]
    [InlineData("1000", "82.00")]
    [InlineData("1001", "82.05")]
    public void Graduated_tier_boundary_is_inclusive(string quantity, string amount)
    {
        var line = January(quantity, Graduated("calls", "api_calls", TierText)).Line("calls");

        Assert.Equal(Dec(quantity), line.Quantity);
        Assert.Equal(Dec(amount), line.Amount);
    }

    [Fact]
    public void Graduated_slices_are_split_at_upTo()
    {
        var slices = new GraduatedPrice(Tiers).Slices(1001m).Select(s => (s.Quantity, s.UnitPrice)).ToArray();

        Assert.Equal(new[] { (100m, 0.10m), (900m, 0.08m), (1m, 0.05m) }, slices);
    }

    [Fact]
    public void A_graduated_line_is_rounded_once_after_all_slices()
    {
        // 1 × 0.004 + 1 × 0.003 = 0.007 -> 0.01; rounding each slice would give 0.00 + 0.00.
        var line = January("2", Graduated("calls", "api_calls", "1:0.004", "*:0.003")).Line("calls");

        Assert.Equal(0.01m, line.Amount);
    }
}
