using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Application.Rendering;

/// <summary>Start-up wiring of invoice rendering.</summary>
public static class InvoiceRenderingServices
{
    /// <summary>
    /// Chooses the PDFsharp license (<c>Pdf:LicenseKey</c>, AGPL when absent) and registers one
    /// <see cref="InvoiceHtmlRenderer"/> and one <see cref="InvoicePdfRenderer"/> reading fonts from the folders
    /// <see cref="InvoiceFontFolders.FromConfiguration"/> names (registered too, for readiness), and a
    /// <see cref="ReceiptPdfRenderer"/> using the same fonts; a missing font is logged as an error at start.
    /// </summary>
    public static IServiceCollection AddInvoiceRendering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        PdfLicensing.Apply(configuration["Pdf:LicenseKey"]);
        services.AddSingleton<InvoiceHtmlRenderer>();
        services.AddSingleton(InvoiceFontFolders.FromConfiguration(configuration));
        services.AddSingleton(sp => new InvoicePdfRenderer(sp.GetRequiredService<InvoiceFontFolders>()));
        services.AddHostedService<InvoiceFontCheck>();
        services.AddSingleton<ReceiptPdfRenderer>();
        return services;
    }
}
