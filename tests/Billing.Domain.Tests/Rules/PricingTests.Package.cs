using Billing.Domain.Pricing;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary><c>package</c>: ceil(quantity / packageSize) × packagePrice.</summary>
public sealed partial class PricingTests
{
    [Theory]
    [InlineData("0", "0")]          // no usage buys no package
    [InlineData("1", "50.00")]
    [InlineData("100", "50.00")]    // exact multiple: one package
    [InlineData("101", "100.00")]   // one over: a second package
    [InlineData("200", "100.00")]
    [InlineData("0.5", "50.00")]
    public void Package_rounds_the_number_of_packages_up(string quantity, string amount) =>
        Assert.Equal(Dec(amount), new PackagePrice(100m, 50.00m).PriceOf(Dec(quantity)));

    [Theory]
    [InlineData("0", "0")]
    [InlineData("100", "50.00")]
    [InlineData("101", "100.00")]
    public void Package_line_shows_the_usage_and_the_packages_price(string quantity, string amount)
    {
        var line = January(quantity, Package("devices", "api_calls", "100", "50.00")).Line("devices");

        Assert.Equal(Dec(quantity), line.Quantity);
        Assert.Equal(Dec(amount), line.Amount);
    }
}
