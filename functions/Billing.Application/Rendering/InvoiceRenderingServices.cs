using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Application.Rendering;

/// <summary>Start-up wiring of invoice rendering.</summary>
public static class InvoiceRenderingServices
{
    /// <summary>
    /// Chooses the PDFsharp license (<c>Pdf:LicenseKey</c>, AGPL when absent) and registers one
    /// <see cref="InvoiceHtmlRenderer"/> and one <see cref="InvoicePdfRenderer"/> reading fonts from the folders
    /// <see cref="InvoiceFontFolders.FromConfiguration"/> names, and a <see cref="ReceiptPdfRenderer"/> using the same fonts.
    /// </summary>
    public static IServiceCollection AddInvoiceRendering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        PdfLicensing.Apply(configuration["Pdf:LicenseKey"]);
        services.AddSingleton<InvoiceHtmlRenderer>();
        services.AddSingleton(_ => new InvoicePdfRenderer(InvoiceFontFolders.FromConfiguration(configuration)));
        services.AddSingleton<ReceiptPdfRenderer>();
        return services;
    }
}
