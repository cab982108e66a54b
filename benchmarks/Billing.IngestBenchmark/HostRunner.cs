using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Billing.Storage.Emulator;

namespace Billing.IngestBenchmark;

/// <summary>
/// The function host as a child process: <c>dotnet Billing.LocalHost.dll --urls http://127.0.0.1:{free port}</c>, run
/// from its Release output folder. Ready when <c>GET /api/health</c> answers. Reads the host's log lines to follow
/// metering as it happens ("Usage batch ...: N metered") and to count failed queue runs; disposing kills the process
/// tree, and so does the end of this process.
/// </summary>
internal sealed partial class HostRunner : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<HostRunner, byte> Running = new();
    private readonly Process process;
    private readonly ConcurrentQueue<string> tail = new();
    private long meteredEvents;
    private int batches;
    private int failures;
    private (int Passes, long Batches, long Events, long Partitions) passes;
    private int disposed;

    static HostRunner()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var host in Running.Keys)
            {
                host.Kill();
            }
        };
    }

    private HostRunner(Process process, int port)
    {
        this.process = process;
        ProcessId = process.Id;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public Uri BaseAddress { get; }

    public int ProcessId { get; }

    /// <summary>Events the host reported as newly metered so far.</summary>
    public long MeteredEvents => Interlocked.Read(ref meteredEvents);

    /// <summary>Usage batches the host finished.</summary>
    public int Batches => Volatile.Read(ref batches);

    /// <summary>Metering passes the host logged ("Metering pass: ..."), with the batches, events and partitions they held in all.</summary>
    public (int Passes, long Batches, long Events, long Partitions) Passes
    {
        get
        {
            lock (tail)
            {
                return passes;
            }
        }
    }

    /// <summary>Queue function runs that failed (retried by the queue).</summary>
    public int Failures => Volatile.Read(ref failures);

    public string RecentOutput => string.Join('\n', tail.TakeLast(40));

    /// <summary>The Release build of the host, as this project's build produced it.</summary>
    public static string LocateDll()
    {
        var root = RepositoryRoot.Find();
        var dll = Path.Combine(root, "functions", "Billing.LocalHost", "bin", "Release", "net10.0", "Billing.LocalHost.dll");
        return File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".deps.json"))
            ? dll
            : throw new FileNotFoundException($"The Release host is not built at {dll}; run `dotnet build -c Release functions/Billing.LocalHost` (dotnet run -c Release of this project builds it).");
    }

    public static async Task<HostRunner> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var port = LoopbackPorts.Free();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start dotnet");
        var host = new HostRunner(process, port);
        Running.TryAdd(host, 0);
        process.OutputDataReceived += (_, e) => host.Record(e.Data);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Stops the host as a platform would (SIGTERM, so it releases its leases), waiting up to 60 s for it to exit.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)]);
            var waited = Stopwatch.StartNew();
            while (!process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
        }

        await DisposeAsync();
    }

    /// <summary>True once the host process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The CPU time the host process has used so far.</summary>
    public TimeSpan CpuTime => process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;

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
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed; the leftover check after the run reports it if it is still there.
        }

        Running.TryRemove(this, out _);
        process.Dispose();
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
            // Gone between the check and the kill.
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode} before it was healthy:\n{RecentOutput}");
            }

            if (stopwatch.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"the host did not answer /api/health within 90 s:\n{RecentOutput}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("api/health", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        tail.Enqueue(line);
        while (tail.Count > 200 && tail.TryDequeue(out _))
        {
        }

        if (BatchLine().Match(line) is { Success: true } batch)
        {
            Interlocked.Add(ref meteredEvents, long.Parse(batch.Groups["metered"].Value, CultureInfo.InvariantCulture));
            Interlocked.Increment(ref batches);
        }
        else if (PassLine().Match(line) is { Success: true } pass)
        {
            lock (tail)
            {
                passes = (passes.Passes + 1, passes.Batches + Number(pass, "batches"), passes.Events + Number(pass, "events"), passes.Partitions + Number(pass, "partitions"));
            }
        }
        else if (line.Contains("failed for message", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref failures);
        }
    }

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Usage batch [0-9a-f]+: (?<metered>[0-9]+) metered")]
    private static partial Regex BatchLine();

    [GeneratedRegex(@"Metering pass: (?<batches>[0-9]+) batches, (?<events>[0-9]+) events, (?<partitions>[0-9]+) partitions")]
    private static partial Regex PassLine();
}
