using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Billing.Storage.Connection;

namespace Billing.Storage.Emulator;

/// <summary>
/// Azurite (blob, queue and table) as a child process: installs the pinned version with <c>npm ci</c> when
/// node_modules lacks it, starts <c>node node_modules/azurite/dist/src/azurite.js</c> on 127.0.0.1, waits until all
/// three services answer HTTP, and exposes the connection string. Disposing kills the whole process tree; so does
/// the end of this .NET process (<see cref="AppDomain.ProcessExit"/>), so a failing test run leaves no node behind.
/// A hard kill of this process (SIGKILL) cannot be intercepted and may leave the emulator running.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<AzuriteProcess, byte> Running = new();
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process process;
    private readonly OutputTail output;
    private readonly Action<string>? log;
    private int disposed;

    static AzuriteProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (AzuriteProcess azurite in Running.Keys)
            {
                azurite.Kill();
            }
        };
    }

    private AzuriteProcess(Process process, OutputTail output, int blobPort, int queuePort, int tablePort, Action<string>? log)
    {
        this.process = process;
        this.output = output;
        this.log = log;
        ProcessId = process.Id;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public int ProcessId { get; }

    public bool HasExited => Volatile.Read(ref disposed) == 1 || process.HasExited;

    /// <summary>A connection string for the well-known development account on this instance's ports.</summary>
    public string ConnectionString => DevelopmentStorage.ConnectionString(BlobPort, QueuePort, TablePort);

    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        string root = options.RepositoryRoot ?? RepositoryRoot.Find();
        await EnsureInstalledAsync(root, options, cancellationToken).ConfigureAwait(false);

        bool pickedPorts = options.BlobPort == 0 || options.QueuePort == 0 || options.TablePort == 0;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(root, options, cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteStartException) when (pickedPorts && attempt < 3)
            {
                // A port picked as free can be taken by someone else before Azurite binds it; pick again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Kill was requested; a process that outlives 10 s is beyond what we can do here.
        }

        Running.TryRemove(this, out _);
        process.Dispose();
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"Azurite (pid {ProcessId}) stopped."));
    }

    private static async Task<AzuriteProcess> StartOnceAsync(string root, AzuriteOptions options, CancellationToken cancellationToken)
    {
        int blobPort = options.BlobPort == 0 ? LoopbackPorts.Free() : options.BlobPort;
        int queuePort = options.QueuePort == 0 ? LoopbackPorts.Free() : options.QueuePort;
        int tablePort = options.TablePort == 0 ? LoopbackPorts.Free() : options.TablePort;

        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.Location ?? Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js"));
        foreach (string service in new[] { "blob", "queue", "table" })
        {
            startInfo.ArgumentList.Add($"--{service}Host");
            startInfo.ArgumentList.Add("127.0.0.1");
        }

        startInfo.ArgumentList.Add("--blobPort");
        startInfo.ArgumentList.Add(blobPort.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--queuePort");
        startInfo.ArgumentList.Add(queuePort.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--tablePort");
        startInfo.ArgumentList.Add(tablePort.ToString(CultureInfo.InvariantCulture));
        if (options.Location is null)
        {
            startInfo.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(options.Location);
            startInfo.ArgumentList.Add("--location");
            startInfo.ArgumentList.Add(options.Location);
        }

        // No --skipApiVersionCheck: the clients pin service versions this Azurite knows (see StorageAccount), and a
        // client that drifts past them is refused here as it would be in any local run. Loose mode ignores headers it does not model.
        foreach (string flag in new[] { "--loose", "--silent", "--disableTelemetry", "--disableProductStyleUrl" })
        {
            startInfo.ArgumentList.Add(flag);
        }

        var output = new OutputTail();
        Process process = Process.Start(startInfo) ?? throw new AzuriteStartException("Could not start node; is Node.js on PATH?");
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, output, blobPort, queuePort, tablePort, options.Log);
        Running.TryAdd(azurite, 0);
        try
        {
            await azurite.WaitUntilReadyAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        options.Log?.Invoke(string.Create(
            CultureInfo.InvariantCulture,
            $"Azurite (pid {process.Id}) listening on 127.0.0.1 blob {blobPort}, queue {queuePort}, table {tablePort}, {(options.Location is null ? "in memory" : "data in " + options.Location)}."));
        return azurite;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var pending = new List<int> { BlobPort, QueuePort, TablePort };
        while (pending.Count > 0)
        {
            if (process.HasExited)
            {
                throw new AzuriteStartException($"Azurite exited with code {process.ExitCode} before it was ready:\n{output}");
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new AzuriteStartException($"Azurite did not answer on ports {string.Join(", ", pending)} within {timeout.TotalSeconds:0} s:\n{output}");
            }

            foreach (int port in pending.ToList())
            {
                if (await AnswersAsync(port, cancellationToken).ConfigureAwait(false))
                {
                    pending.Remove(port);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            // Any HTTP answer (an unauthenticated request is refused) means the service is up.
            using HttpResponseMessage response = await Probe.GetAsync(new Uri($"http://127.0.0.1:{port}/"), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task EnsureInstalledAsync(string root, AzuriteOptions options, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js")))
        {
            return;
        }

        options.Log?.Invoke($"Azurite is not installed under {root}; running npm ci.");
        var startInfo = new ProcessStartInfo("npm")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (string argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process npm = Process.Start(startInfo) ?? throw new AzuriteStartException("Could not start npm; is Node.js on PATH?");
        var output = new OutputTail();
        npm.OutputDataReceived += (_, e) => output.Add(e.Data);
        npm.ErrorDataReceived += (_, e) => output.Add(e.Data);
        npm.BeginOutputReadLine();
        npm.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw;
        }

        if (npm.ExitCode != 0)
        {
            throw new AzuriteStartException($"npm ci failed with exit code {npm.ExitCode}:\n{output}");
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone between the check and the kill.
        }
    }

    /// <summary>The last lines a child process printed, for error messages.</summary>
    private sealed class OutputTail
    {
        private readonly Queue<string> lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Enqueue(line);
                if (lines.Count > 40)
                {
                    lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }
}
