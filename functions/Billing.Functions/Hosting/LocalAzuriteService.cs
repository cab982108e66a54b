using Billing.Storage.Connection;
using Billing.Storage.Emulator;

namespace Billing.Functions.Hosting;

/// <summary>
/// For <c>UseDevelopmentStorage=true</c>: when none of the emulator ports 10000-10002 is taken, starts Azurite as a
/// child process with its data under <c>&lt;repository root&gt;/.azurite/</c> and stops it (process tree included)
/// on shutdown. When an emulator is already listening it is used as is; a partly taken port range is reported,
/// not fought over.
/// </summary>
public sealed partial class LocalAzuriteService(ILogger<LocalAzuriteService> logger) : IHostedService, IAsyncDisposable
{
    private static readonly int[] Ports = [DevelopmentStorage.BlobPort, DevelopmentStorage.QueuePort, DevelopmentStorage.TablePort];

    private AzuriteProcess? azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        bool[] listening = await Task.WhenAll(Ports.Select(p => LoopbackPorts.IsListeningAsync(p, cancellationToken)));
        if (listening.All(l => l))
        {
            LogAlreadyRunning(logger);
            return;
        }

        if (listening.Any(l => l))
        {
            LogPartlyTaken(logger, string.Join(", ", Ports.Where((_, i) => listening[i])));
            return;
        }

        if (RepositoryRoot.TryFind() is not { } root)
        {
            LogNoRepository(logger);
            return;
        }

        string location = Path.Combine(root, ".azurite");
        azurite = await AzuriteProcess.StartAsync(
            AzuriteOptions.DefaultPorts(location) with { RepositoryRoot = root, Log = line => LogEmulator(logger, line) },
            cancellationToken);
        LogStarted(logger, azurite.ProcessId, location);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
            azurite = null;
        }
    }

    public ValueTask DisposeAsync() => azurite?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (pid {ProcessId}) on 127.0.0.1:10000-10002 with data in {Location}; it stops with the host")]
    private static partial void LogStarted(ILogger logger, int processId, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is already listening on 127.0.0.1:10000-10002; using it")]
    private static partial void LogAlreadyRunning(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ports {Ports} are taken but not all of 10000-10002; not starting Azurite, storage calls may fail")]
    private static partial void LogPartlyTaken(ILogger logger, string ports);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UseDevelopmentStorage=true but no repository with a package.json pinning azurite was found; start Azurite yourself")]
    private static partial void LogNoRepository(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EmulatorMessage}")]
    private static partial void LogEmulator(ILogger logger, string emulatorMessage);
}
