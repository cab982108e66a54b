namespace Billing.Storage.Emulator;

/// <summary>
/// How to start Azurite. Ports of 0 mean "pick a free loopback port". <see cref="Location"/> null keeps all data in
/// memory (<c>--inMemoryPersistence</c>); a folder persists it there. The emulator always listens on 127.0.0.1 only.
/// </summary>
public sealed record AzuriteOptions
{
    public int BlobPort { get; init; }

    public int QueuePort { get; init; }

    public int TablePort { get; init; }

    /// <summary>Folder for persisted data; null for in-memory persistence.</summary>
    public string? Location { get; init; }

    /// <summary>Folder holding the package.json that pins Azurite; null to find it (<see cref="RepositoryRoot"/>).</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>How long to wait for all three services to answer once the process started.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long <c>npm ci</c> may take when node_modules is missing.</summary>
    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receives progress lines (installing, started, stopped); null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The default emulator ports 10000-10002 with data persisted under <paramref name="location"/>.</summary>
    public static AzuriteOptions DefaultPorts(string location) => new()
    {
        BlobPort = Connection.DevelopmentStorage.BlobPort,
        QueuePort = Connection.DevelopmentStorage.QueuePort,
        TablePort = Connection.DevelopmentStorage.TablePort,
        Location = location,
    };
}
