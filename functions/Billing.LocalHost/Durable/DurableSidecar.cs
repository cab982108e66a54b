using System.Net;
using System.Net.Sockets;
using Billing.LocalHost.Functions;
using Billing.Storage;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Billing.LocalHost.Durable;

/// <summary>
/// The Durable Task backend of the local host: <see cref="AzureStorageOrchestrationService"/> (the Azure Storage
/// provider Durable Functions uses) on the <c>AzureWebJobsStorage</c> account and the task hub of host.json, served
/// in-process by the <see cref="TaskHubGrpcServer"/> sidecar on <see cref="Address"/> (a free loopback port, HTTP/2
/// without TLS), where the host's worker and client connect. The account is the application's <see cref="StorageAccount"/>
/// (a connection string, or identity-based: <c>AzureWebJobsStorage__accountName</c> or the service URIs, with
/// <c>__credential</c> and <c>__clientId</c>), reached at the same endpoints with the same credential
/// (<see cref="DurableStorageClients"/>); its clients pin the service version Azurite accepts and count requests in the
/// storage metrics, as the application's do. Started after Azurite and the storage bootstrap, stopped after the worker.
/// </summary>
public sealed class DurableSidecar(StorageAccount account, HostJson hostJson, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? server;
    private ILoggerFactory? sidecarLogs;

    /// <summary>Where the sidecar listens: chosen when the host is built, so the worker and client can be configured with it.</summary>
    public Uri Address { get; } = new($"http://127.0.0.1:{FreeLoopbackPort()}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The sidecar's own logs go to the host's, without its web host's lifetime lines ("Now listening on", which
        // belong to the local host's HTTP endpoint) and the backend's per-message chatter.
        ILoggerFactory logs = LoggerFactory.Create(logging =>
        {
            logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
            logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            logging.AddFilter("DurableTask", LogLevel.Warning);
            logging.AddFilter("Microsoft.DurableTask.Sidecar", LogLevel.Warning);
        });
        sidecarLogs = logs;
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hostJson.DurableHubName,
            StorageAccountClientProvider = DurableStorageClients.For(account),
            LoggerFactory = sidecarLogs,

            // Local runs favour latency over idle transactions: poll at most every second (Functions' default is 30 s).
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),

            // One host serves every orchestration locally, so one control queue: each partition's queue is polled on its
            // own, and four cost about 4.7 more storage requests per invoice in a settlement cycle starting per-invoice
            // dunning orchestrations (docs/benchmarks.md). Changing it under a task hub with instances in flight can strand
            // their messages in the other queues: a persisted store that holds such a hub needs a new hub name (host.json).
            PartitionCount = 1,

            // A work item of a host killed mid-run comes back after 30 s rather than 5 minutes; a longer one runs again, idempotently.
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
        });
        await service.CreateIfNotExistsAsync();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(sidecarLogs);

        // The local host owns the process: signals and "Application started" are its own, not the sidecar's.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Address.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }

        sidecarLogs?.Dispose();
    }

    /// <summary>Hands every logger of the sidecar's factory to the host's.</summary>
    private sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }

    /// <summary>A host lifetime that waits for nothing and reports nothing: the enclosing host starts and stops this one.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
