using Billing.Application.Configuration;
using Microsoft.Extensions.Configuration;

namespace Billing.Rendering.Tests;

/// <summary>The issuer's address on invoices is the configured lines alone; the demo address only stands in when none are configured.</summary>
public sealed class IssuerAddressTests
{
    [Fact]
    public void Configured_address_lines_replace_the_demo_address_instead_of_following_it()
    {
        var issuer = Bind(new() { ["Issuer:AddressLines:0"] = "Level 3, 88 Harbour St", ["Issuer:AddressLines:1"] = "Sydney NSW 2000" });

        Assert.Equal(["Level 3, 88 Harbour St", "Sydney NSW 2000"], issuer.Address);
    }

    [Fact]
    public void Without_configured_lines_the_demo_address_is_printed()
    {
        Assert.Equal(["1 Example Road", "Shanghai"], Bind([]).Address);
    }

    private static IssuerOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(IssuerOptions.Section).Get<IssuerOptions>() ?? new IssuerOptions();
}
