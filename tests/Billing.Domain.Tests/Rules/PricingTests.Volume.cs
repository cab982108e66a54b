using Billing.Domain.Pricing;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary><c>volume</c>: the whole quantity at the price of the tier it falls in, <c>upTo</c> inclusive.</summary>
public sealed partial class PricingTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("100", "10.00")]    // 100 × 0.10: exactly at upTo stays in tier 1
    [InlineData("101", "8.08")]     // 101 × 0.08
    [InlineData("1000", "80.00")]   // 1000 × 0.08
    [InlineData("1001", "50.05")]   // 1001 × 0.05
    public void Volume_prices_the_whole_quantity_at_its_tier(string quantity, string amount) =>
        Assert.Equal(Dec(amount), new VolumePrice(Tiers).PriceOf(Dec(quantity)));

    [Theory]
    [InlineData("100", "10.00")]
    [InlineData("101", "8.08")]
    [InlineData("1000", "80.00")]
    [InlineData("1001", "50.05")]
    public void Volume_tier_boundary_is_inclusive(string quantity, string amount) =>
        Assert.Equal(Dec(amount), January(quantity, Volume("qps", "api_calls", TierText)).Line("qps").Amount);

    [Theory]
    [InlineData("50", "5.00", "5.00")]        // both inside tier 1
    [InlineData("500", "42.00", "40.00")]     // graduated 10 + 400 × 0.08; volume 500 × 0.08
    [InlineData("1001", "82.05", "50.05")]    // graduated 82 + 0.05; volume 1001 × 0.05
    public void Volume_and_graduated_differ_on_the_same_quantity(string quantity, string graduated, string volume)
    {
        var invoice = January(
            quantity,
            Graduated("graduated", "api_calls", TierText),
            Volume("volume", "api_calls", TierText));

        Assert.Equal(Dec(graduated), invoice.Line("graduated").Amount);
        Assert.Equal(Dec(volume), invoice.Line("volume").Amount);
        Assert.Equal(Dec(graduated) + Dec(volume), invoice.Subtotal);
    }
}
