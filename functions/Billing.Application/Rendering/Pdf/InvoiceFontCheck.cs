namespace Billing.Application.Rendering;

/// <summary>
/// At start, logs an error naming each missing invoice font file: the host still starts (usage keeps being taken and
/// metered), but no invoice can be rendered until the fonts are there, and <c>GET /api/health/ready</c> answers 503
/// naming them (<see cref="Hosting.StorageReadiness"/>).
/// </summary>
public sealed partial class InvoiceFontCheck(InvoiceFontFolders fonts, ILogger<InvoiceFontCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var missing in fonts.MissingFiles())
        {
            LogMissing(missing);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The invoice font {Path} is missing: invoices cannot be rendered. Publish the function app on a machine with Debian's fonts-dejavu-core and fonts-droid-fallback, or set Pdf__FontFolder.")]
    private partial void LogMissing(string path);
}
