using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Scenarios;

/// <summary>
/// <see cref="CatalogDocumentRules"/>: decimal places are counted as written (trailing zeros are no precision, an
/// exponent counts); a catalog offered from outside is held to the rules while a version already stored is read by
/// the billing rules only, so it keeps pricing; an unpaired surrogate escape is a fault naming its field.
/// </summary>
public sealed class CatalogDocumentRulesTests
{
    private const string Catalog = """
        {"timezone":"UTC","currency":"USD",
         "meters":[{"code":"api_calls","aggregation":"sum","property":"quantity","name":"NAME"}],
         "plans":[{"code":"std","period":"month","paymentTermsDays":30,
                   "charges":[{"code":"calls","meter":"api_calls","model":"per_unit","unitPrice":"PRICE"}]}]}
        """;

    [Theory]
    [InlineData("1", 0)]
    [InlineData("1000000000000", 0)]
    [InlineData("0.0001", 4)]
    [InlineData("1.50", 1)]
    [InlineData("1.000000000000000", 0)]
    [InlineData("25e-1", 1)]
    [InlineData("100e-2", 0)]
    [InlineData("1E+3", 0)]
    [InlineData("1.5e3", 0)]
    [InlineData("1.2345e2", 2)]
    [InlineData("1e-13", 13)]
    [InlineData("-0.000", 0)]
    [InlineData("0.00000000000000000000000000001", 29)]
    public void Decimal_places_are_counted_as_written(string text, int places) =>
        Assert.Equal(places, CatalogDocumentRules.DecimalPlaces(text));

    [Fact]
    public void A_catalog_within_the_rules_is_read()
    {
        var catalog = CatalogDocument.ReadCatalog(With(price: "0.000000000001", name: "API calls"));

        Assert.Equal(0.000000000001m, ((Domain.Pricing.PerUnitPrice)catalog.Plans["std"].Charges[0].Price).UnitPrice);
    }

    [Fact]
    public void A_catalog_breaking_a_rule_is_refused_from_outside_but_a_stored_version_still_reads()
    {
        var json = With(price: "1", name: "API \u202E calls");

        var refused = Assert.Throws<ScenarioFormatException>(() => CatalogDocument.ReadCatalog(json));
        var stored = CatalogDocument.ReadStoredCatalog(json);

        Assert.Equal("meters[0].name", refused.Path);
        Assert.Equal("API \u202E calls", stored.Meters["api_calls"].Name);
    }

    [Fact]
    public void A_catalog_beyond_a_bound_is_refused_from_outside_but_a_stored_version_still_reads()
    {
        var json = With(price: "99999999999999999999", name: "API calls");

        var refused = Assert.Throws<ScenarioFormatException>(() => CatalogDocument.ReadCatalog(json));
        var stored = CatalogDocument.ReadStoredCatalog(json);

        Assert.Equal("plans[0].charges[0].unitPrice", refused.Path);
        Assert.Equal(99999999999999999999m, ((Domain.Pricing.PerUnitPrice)stored.Plans["std"].Charges[0].Price).UnitPrice);
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_a_fault_naming_the_field()
    {
        var refused = Assert.Throws<ScenarioFormatException>(() => CatalogDocument.ReadCatalog(With(price: "1", name: "API \\ud800 calls")));

        Assert.Equal("meters[0].name", refused.Path);
    }

    private static string With(string price, string name) =>
        Catalog.Replace("PRICE", price, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal);
}
