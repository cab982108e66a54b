using Billing.Storage;
using Billing.Storage.Connection;
using Billing.Storage.Emulator;

namespace Billing.Application.Hosting;

/// <summary>
/// For the emulator's account (<c>UseDevelopmentStorage=true</c>, ports 10000-10002, or the
/// <c>devstoreaccount1</c> connection string with <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c> on
/// 127.0.0.1 or localhost at other ports): when none of its three ports is taken, starts Azurite as a child process on
/// them, with its data under <c>Azurite:Location</c> (default <c>&lt;repository root&gt;/.azurite/</c>, or
/// <c>.azurite/&lt;blob&gt;-&lt;queue&gt;-&lt;table&gt;/</c> for other ports), and stops it (process tree included) when
/// the host stops or its process ends. When an emulator is already listening it is used as is; a partly taken port
/// range is reported, not fought over.
/// </summary>
public sealed partial class LocalAzuriteService(ILogger<LocalAzuriteService> logger, StorageAccount storage, IConfiguration configuration)
    : IHostedService, IAsyncDisposable
{
    /// <summary>Setting naming the folder of the emulator's data.</summary>
    public const string LocationSetting = "Azurite:Location";

    private AzuriteProcess? azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        int[] ports = storage.EmulatorPorts ?? [];
        if (ports.Length == 0)
        {
            return;
        }

        string range = string.Join(", ", ports);
        bool[] listening = await Task.WhenAll(ports.Select(p => LoopbackPorts.IsListeningAsync(p, cancellationToken)));
        if (listening.All(l => l))
        {
            LogAlreadyRunning(logger, range);
            return;
        }

        if (listening.Any(l => l))
        {
            LogPartlyTaken(logger, string.Join(", ", ports.Where((_, i) => listening[i])), range);
            return;
        }

        if (RepositoryRoot.TryFind() is not { } root)
        {
            LogNoRepository(logger);
            return;
        }

        bool defaultPorts = ports.SequenceEqual([DevelopmentStorage.BlobPort, DevelopmentStorage.QueuePort, DevelopmentStorage.TablePort]);
        string location = configuration[LocationSetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : defaultPorts ? Path.Combine(root, ".azurite") : Path.Combine(root, ".azurite", string.Join('-', ports));
        azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions { BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2], Location = location, RepositoryRoot = root, Log = line => LogEmulator(logger, line) },
            cancellationToken);
        LogStarted(logger, azurite.ProcessId, range, location);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (pid {ProcessId}) on 127.0.0.1 ports {Ports} with data in {Location}; it stops with the host")]
    private static partial void LogStarted(ILogger logger, int processId, string ports, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is already listening on 127.0.0.1 ports {Ports}; using it")]
    private static partial void LogAlreadyRunning(ILogger logger, string ports);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ports {Taken} are taken but not all of {Ports}; not starting Azurite, storage calls may fail")]
    private static partial void LogPartlyTaken(ILogger logger, string taken, string ports);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The emulator account is configured but no repository with a package.json pinning azurite was found; start Azurite yourself")]
    private static partial void LogNoRepository(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EmulatorMessage}")]
    private static partial void LogEmulator(ILogger logger, string emulatorMessage);
}
