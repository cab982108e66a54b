namespace Billing.Application.Hosting;

/// <summary>Logs which settings files were read, once logging exists (configuration is built before it). Never logs values.</summary>
internal sealed partial class SettingsReport(ILogger<SettingsReport> logger, IReadOnlyList<string> files) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            LogNoFiles(logger);
        }

        foreach (string file in files)
        {
            LogFile(logger, file);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings read from {SettingsFile}")]
    private static partial void LogFile(ILogger logger, string settingsFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "No local.settings.json found; configuration comes from appsettings and the environment")]
    private static partial void LogNoFiles(ILogger logger);
}
