using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Domain.Pricing;
using Billing.Application.Rendering;
using Billing.Workflows.Scenarios;

namespace Billing.Rendering.Tests;

/// <summary>
/// Invoices show what the catalog calls things: charge and meter names and units (codes when absent), the catalog's unit
/// price, the service period's local dates, and amounts and quantities grouped by thousands in the reader's language.
/// </summary>
public sealed class InvoiceLineCatalogTests
{
    private static readonly Currency Cny = Currency.Of("CNY");

    private static readonly Domain.Catalog.ProductCatalog Catalog = CatalogDocument.ReadCatalog("""
        {
          "timezone": "Asia/Shanghai", "currency": "CNY",
          "meters": [
            { "code": "api_calls", "aggregation": "sum", "property": "quantity", "name": "API calls", "unit": "calls" },
            { "code": "egress_gb", "aggregation": "sum", "property": "gb", "unit": "GB" },
            { "code": "devices", "aggregation": "unique_count", "property": "device" }
          ],
          "plans": [
            { "code": "std", "period": "month", "paymentTermsDays": 30, "charges": [
              { "code": "calls", "meter": "api_calls", "model": "per_unit", "unitPrice": "0.008" },
              { "code": "egress", "meter": "egress_gb", "model": "per_unit", "unitPrice": "0.80", "name": "Data transfer out" },
              { "code": "devs", "meter": "devices", "model": "package", "packageSize": "100", "packagePrice": "50.00", "name": "设备包", "unit": "台" },
              { "code": "platform", "model": "flat", "amount": "1999.00", "name": "Platform fee" }
            ] }
          ]
        }
        """);

    private static InvoiceDocument Document(string locale)
    {
        var lines = new[]
        {
            new InvoiceLine("calls", 1234567m, 9876.54m, new LineDetail("per_unit", "api_calls", 1234567m, 0m, 0m, [], null, 9876.536m)),
            new InvoiceLine("egress", 12m, 9.6m, new LineDetail("per_unit", "egress_gb", 12m, 0m, 0m, [], null, 9.6m)),
            new InvoiceLine("devs", 250m, 150m, new LineDetail("package", "devices", 250m, null, null, [], null, 150m)),
            new InvoiceLine("platform", 1m, 1999m, new LineDetail("flat", null, null, null, null, [], new Proration(31, 31), 1999m)),
            new InvoiceLine("calls@2025-12", 1000m, 8m, new LineDetail("per_unit", "api_calls", 1000m, 0m, 0m, [], null, 8m)),
        };
        var invoice = new Invoice(
            "acme", InvoiceKind.Usage, "2026-01",
            new DateTimeOffset(2026, 1, 31, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero),
            Cny, lines, InvoiceTotals.Compute(lines, [], 0m, Cny), []);
        var period = new InvoiceServicePeriod(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 31, 16, 0, 0, TimeSpan.Zero));
        return InvoiceDocuments.FromInvoice(
            invoice, "INV-2026-000001", SampleInvoices.Issuer, new InvoiceCustomer("acme", "Acme", "ap@acme.example"),
            locale, "Asia/Shanghai", 0m, catalog: new InvoiceLineCatalog(Catalog, "std"), servicePeriod: period);
    }

    [Fact]
    public void Lines_take_the_charge_name_else_the_meter_name_else_the_meter_code_and_the_unit_of_either()
    {
        var lines = Document("en").Lines;

        Assert.Equal(("API calls", "calls"), (lines[0].Description, lines[0].Unit));
        Assert.Equal(("Data transfer out", "GB"), (lines[1].Description, lines[1].Unit));
        Assert.Equal(("设备包", "台"), (lines[2].Description, lines[2].Unit));
        Assert.Equal(("Platform fee", null), (lines[3].Description, lines[3].Unit));
        Assert.Equal("API calls (late usage, 2025-12)", lines[4].Description);
    }

    [Fact]
    public void Unit_prices_are_the_catalog_s_per_unit_per_package_and_flat_prices()
    {
        var lines = Document("en").Lines;

        Assert.Equal(new InvoiceUnitPrice(0.008m), lines[0].UnitPrice);
        Assert.Equal(new InvoiceUnitPrice(0.80m), lines[1].UnitPrice);
        Assert.Equal(new InvoiceUnitPrice(50.00m, 100m), lines[2].UnitPrice);
        Assert.Equal(new InvoiceUnitPrice(1999.00m), lines[3].UnitPrice);
    }

    [Fact]
    public void A_line_the_catalog_s_price_does_not_give_and_a_late_usage_line_show_no_unit_price()
    {
        // Priced at 0.010 by the catalog version in force when it was issued; this catalog says 0.008.
        var repriced = new InvoiceLine("calls", 1000m, 10m, new LineDetail("per_unit", "api_calls", 1000m, 0m, 0m, [], null, 10m));
        var line = new InvoiceLineCatalog(Catalog, "std").Describe(repriced, InvoiceLabels.English, null);

        Assert.Null(line.UnitPrice);
        Assert.Equal("API calls", line.Description);
        Assert.Null(Document("en").Lines[4].UnitPrice);
    }

    [Theory]
    [InlineData("en", "Prepaid pack p1: 300,000 API calls")]
    [InlineData("zh-CN", "资源包 p1：API calls 300,000")]
    public void A_prepaid_pack_line_is_described_as_the_pack_with_its_price_as_the_unit_price(string locale, string description)
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var pack = new Domain.Packs.PrepaidPack("p1", "acme", "api_calls", 300000m, 2400m, at, at, at.AddMonths(3), Domain.Packs.PackAllocationMode.Monthly, false);
        var line = new InvoiceLineCatalog(Catalog, "std", packs: [pack]).Describe(new InvoiceLine("p1", 1m, 2400m), InvoiceLabels.For(locale), null);

        Assert.Equal(description, line.Description);
        Assert.Equal(new InvoiceUnitPrice(2400m), line.UnitPrice);
    }

    [Fact]
    public void A_code_without_a_name_in_the_catalog_is_shown_as_the_code()
    {
        var bare = CatalogDocument.ReadCatalog("""
            { "timezone": "UTC", "currency": "CNY", "meters": [ { "code": "api_calls", "aggregation": "sum", "property": "quantity" } ],
              "plans": [ { "code": "std", "period": "month", "paymentTermsDays": 30, "charges": [ { "code": "calls", "meter": "api_calls", "model": "per_unit", "unitPrice": "1" } ] } ] }
            """);
        var line = new InvoiceLineCatalog(bare, "std").Describe(new InvoiceLine("calls", 3m, 3m), InvoiceLabels.English, null);

        Assert.Equal(("api_calls", null), (line.Description, line.Unit));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void Pdf_and_html_show_names_units_unit_prices_the_service_period_and_grouped_figures(string locale)
    {
        PdfLicensing.Apply(null);
        var document = Document(locale);
        var pdf = PopplerTools.ExtractText(new InvoicePdfRenderer().Render(document));
        var html = new InvoiceHtmlRenderer().Render(document);

        foreach (var text in new[] { pdf, html })
        {
            Assert.Contains("API calls", text, StringComparison.Ordinal);
            Assert.Contains("1,234,567 calls", text, StringComparison.Ordinal);
            Assert.Contains("0.008", text, StringComparison.Ordinal);
            Assert.Contains("9,876.54", text, StringComparison.Ordinal);
            Assert.Contains("250 台", text, StringComparison.Ordinal);
            Assert.Contains(locale == "en" ? "50.00 per 100" : "50.00 / 100", text, StringComparison.Ordinal);
            Assert.Contains("1,999.00", text, StringComparison.Ordinal);
            Assert.Contains("2026-01-01 – 2026-01-31", text, StringComparison.Ordinal);
            Assert.Contains(locale == "en" ? "Unit price" : "单价", text, StringComparison.Ordinal);
            Assert.Contains(locale == "en" ? "Service period" : "服务期间", text, StringComparison.Ordinal);
            Assert.Contains("CNY 12,043.14", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_name_longer_than_100_characters_or_with_a_control_character_makes_the_catalog_inconsistent()
    {
        var tooLong = Assert.Throws<ScenarioFormatException>(() => CatalogDocument.ReadCatalog(
            "{\"timezone\":\"UTC\",\"currency\":\"CNY\",\"meters\":[{\"code\":\"m\",\"aggregation\":\"count\",\"name\":\"" + new string('n', 101) + "\"}],\"plans\":[]}"));
        Assert.Contains("meters[0].name", tooLong.Message, StringComparison.Ordinal);

        var control = Assert.Throws<ScenarioFormatException>(() => CatalogDocument.ReadCatalog(
            "{\"timezone\":\"UTC\",\"currency\":\"CNY\",\"meters\":[{\"code\":\"m\",\"aggregation\":\"count\"}],\"plans\":[{\"code\":\"p\",\"period\":\"month\",\"paymentTermsDays\":1,\"charges\":[{\"code\":\"c\",\"meter\":\"m\",\"model\":\"per_unit\",\"unitPrice\":\"1\",\"unit\":\"a\\nb\"}]}]}"));
        Assert.Contains("plans[0].charges[0].unit", control.Message, StringComparison.Ordinal);
    }
}
