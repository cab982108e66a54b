using Billing.Domain.Pricing;
using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

/// <summary>
/// The HTML and PDF invoices show the detail lines of the pricing models as <c>scenario explain</c> does: each tier's
/// slice with its flat fee, the rate of a percentage tier, and a percentage charge's free events, paying value × rate
/// and fixed fees.
/// </summary>
public sealed class PricingModelDetailTests
{
    private static InvoiceDocument Document() => SampleInvoices.English() with
    {
        Lines =
        [
            new InvoiceDocumentLine("calls", "API calls", 1500m, 25.5m, new InvoiceLineBreakdown(
                Usage: 1500m, CoveredByPacks: 0m, CoveredByFreeQuota: 0m,
                Slices: [new TierSlice(0m, 1000m, 1000m, 0.01m, 12m, 2m), new TierSlice(1000m, 1500m, 500m, 0.005m, 2.5m)],
                Proration: null)),
            new InvoiceDocumentLine("gmv", "Payment volume", 1255.74m, 16.28m, new InvoiceLineBreakdown(
                Usage: 1255.74m, CoveredByPacks: 0m, CoveredByFreeQuota: 0m,
                Slices: [new TierSlice(0m, 1000m, 1000m, 0.01m, 15m, 5m, 1.0m), new TierSlice(1000m, 1255.74m, 255.74m, 0.005m, 1.2787m, 0m, 0.5m)],
                Proration: null)),
            new InvoiceDocumentLine("card", "Card payments", 1255.74m, 31.50m, new InvoiceLineBreakdown(
                Usage: 1255.74m, CoveredByPacks: 0m, CoveredByFreeQuota: 0m, Slices: [], Proration: null,
                Percentage: new PercentageFees(5, 2, 1055.24m, 2.9m, 0.30m, 0.90m, 31.50196m))),
        ],
    };

    [Fact]
    public void Html_shows_tier_flat_fees_percentage_tier_rates_and_percentage_fees()
    {
        var html = new InvoiceHtmlRenderer().Render(Document());

        Assert.Contains("Tier 0–1000: 1000 × 0.01 + flat fee 2.00 = 12.00", html, StringComparison.Ordinal);
        Assert.Contains("Tier 0–1000: 1000 × 1% + flat fee 5.00 = 15.00", html, StringComparison.Ordinal);
        Assert.Contains("Tier 1000–1255.74: 255.74 × 0.5% = 1.2787", html, StringComparison.Ordinal);
        Assert.Contains("5 transactions, 2 free: 1055.24 × 2.9% + 3 × 0.30", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_text_shows_the_same_detail_lines()
    {
        PdfLicensing.Apply(null);
        var text = PopplerTools.ExtractText(new InvoicePdfRenderer().Render(Document()));

        Assert.Contains("1000 × 1% + flat fee 5.00 = 15.00", text, StringComparison.Ordinal);
        Assert.Contains("5 transactions, 2 free: 1055.24 × 2.9% + 3 × 0.30", text, StringComparison.Ordinal);
    }
}
