using System.Reflection;
using Billing.Storage;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>
/// One Azurite (free ports, in memory) and the function hosts of the "Host" collection: a primary host started
/// once, with the test catalog published, plus any extra hosts a test starts (a second consumer, a restart after
/// a kill). Every host gets the same settings and storage; all are killed, process tree included, when the
/// collection ends or the test process exits.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    public const string IngestKey = "test-ingest-key";
    public const string SigningSecret = "test-signing-secret";

    /// <summary>The largest usage file the hosts import: above every test's file but one, which is made larger on purpose.</summary>
    public const long HostImportMaxFileBytes = 24L * 1024 * 1024;

    private readonly List<HostProcess> hosts = [];
    private AzuriteProcess? azurite;
    private HostProcess? primary;

    public AzuriteProcess Azurite => azurite ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>The host most tests talk to; replaced by <see cref="RestartPrimaryAsync"/>.</summary>
    public HostProcess Primary => primary ?? throw new InvalidOperationException("The host has not started.");

    public IStorageAccount Storage { get; private set; } = null!;

    public BillingApi Api => new(Primary.BaseAddress);

    /// <summary>The built host assembly to run.</summary>
    public static string HostDll => HostAssembly.Locate();

    /// <summary>Usage batches finished by every host started so far (killed ones included).</summary>
    public int ProcessedBatches
    {
        get
        {
            lock (hosts)
            {
                return hosts.Sum(h => h.ProcessedBatches);
            }
        }
    }

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        Storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
        primary = await StartHostAsync();
        await Api.PublishCatalogAsync(TestCatalog.Json);
    }

    /// <summary>Starts another host on the same storage and queue.</summary>
    public async Task<HostProcess> StartHostAsync()
    {
        var host = await HostProcess.StartAsync(HostAssembly.Locate(), Environment());
        lock (hosts)
        {
            hosts.Add(host);
        }

        return host;
    }

    /// <summary>Starts another host on the same storage with some settings changed (an empty value clears one).</summary>
    public async Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var environment = Environment();
        foreach (var (name, value) in changes)
        {
            environment[name] = value;
        }

        var host = await HostProcess.StartAsync(HostAssembly.Locate(), environment);
        lock (hosts)
        {
            hosts.Add(host);
        }

        return host;
    }

    /// <summary>Kills the primary host's process tree (no graceful shutdown) and starts a fresh one.</summary>
    public async Task RestartPrimaryAsync(bool kill = true)
    {
        if (kill)
        {
            await Primary.KillAsync();
        }

        await Primary.DisposeAsync();
        primary = await StartHostAsync();
    }

    /// <summary>Makes sure the primary host runs (a failed test may have left it killed).</summary>
    public async Task EnsurePrimaryAsync()
    {
        if (Primary.HasExited)
        {
            await RestartPrimaryAsync(kill: false);
        }
    }

    public async Task DisposeAsync()
    {
        HostProcess[] started;
        lock (hosts)
        {
            started = [.. hosts];
        }

        await Task.WhenAll(started.Select(h => h.DisposeAsync().AsTask()));
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Billing__AdminKey"] = AdminKey,
        ["Billing__IngestKeys__0"] = IngestKey,
        ["Billing__SigningSecret"] = SigningSecret,
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
        ["Billing__SpikeScanSchedule"] = "* * * * * *",
        ["Billing__ImportLease"] = "00:00:03",
        ["Billing__ImportMaxFileBytes"] = HostImportMaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Billing__ImportMappings__gateway__Fields__req"] = "requestId",
        ["Billing__ImportMappings__gateway__Fields__ts"] = "at",
        ["Billing__ImportMappings__gateway__Fields__tenant"] = "customer",
        ["Billing__ImportMappings__gateway__Fields__api"] = "meter",
        ["Billing__ImportMappings__gateway__Fields__calls"] = "quantity",

        // A killed host's in-flight messages come back after this lease (renewed while they run), instead of 10 minutes.
        ["LocalHost__QueueMessageLease"] = "00:00:10",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Finds the built host: beside the test assembly when its runtime files were copied, else the host project's output.</summary>
    private static class HostAssembly
    {
        private const string FileName = "Billing.LocalHost.dll";

        public static string Locate()
        {
            var beside = Path.Combine(AppContext.BaseDirectory, FileName);
            if (Runnable(beside))
            {
                return beside;
            }

            var configuration = typeof(HostFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "BillingFunctions.sln")))
                {
                    var built = Path.Combine(folder.FullName, "functions", "Billing.LocalHost", "bin", configuration, "net10.0", FileName);
                    return Runnable(built) ? built : throw new FileNotFoundException($"The host is not built at {built}; build functions/Billing.LocalHost first.");
                }
            }

            throw new DirectoryNotFoundException("BillingFunctions.sln was not found above the test assembly.");
        }

        private static bool Runnable(string dll) =>
            File.Exists(dll)
            && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"))
            && File.Exists(Path.ChangeExtension(dll, ".deps.json"));
    }
}
