using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>
/// One function host as a child process (<c>dotnet Billing.LocalHost.dll --urls http://127.0.0.1:{port}</c>), run from
/// its output folder against the given storage. Started when <c>GET /api/health</c> answers. Stopping or
/// disposing kills the whole process tree; so does the end of the test process, so no host outlives a run.
/// Keeps the last lines the host printed (JSON logs) for failure messages and for counting metered batches.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<HostProcess, byte> Running = new();
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<(string Function, string Occurrence)> scheduledRuns = new();
    private int meteredBatches;
    private int processedBatches;
    private int disposed;

    static HostProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var host in Running.Keys)
            {
                host.Kill();
            }
        };
    }

    private HostProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Usage batches this host finished, new events or not (its "Usage batch ..." log lines).</summary>
    public int ProcessedBatches => Volatile.Read(ref processedBatches);

    /// <summary>Usage batches in which this host metered at least one new event.</summary>
    public int MeteredBatches => Volatile.Read(ref meteredBatches);

    /// <summary>The scheduled function occurrences this host ran (its "... ran the occurrence of ..." log lines).</summary>
    public IReadOnlyList<(string Function, string Occurrence)> ScheduledRuns => [.. scheduledRuns];

    /// <summary>The last lines the host printed, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', output.TakeLast(60));

    public static async Task<HostProcess> StartAsync(string hostDll, IReadOnlyDictionary<string, string> environment)
    {
        var port = LoopbackPorts.Free();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        startInfo.ArgumentList.Add(hostDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start dotnet");
        var host = new HostProcess(process, port);
        Running.TryAdd(host, 0);
        process.OutputDataReceived += (_, e) => host.Record(e.Data);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Kills the host and its children at once, as a crash or an OOM kill would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
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
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed; a process that outlives 10 s is beyond what a test can do.
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

    private async Task WaitUntilHealthyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode} before it was healthy:\n{RecentOutput}");
            }

            if (stopwatch.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"the host did not answer /api/health within {StartTimeout.TotalSeconds:0} s:\n{RecentOutput}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 400 && output.TryDequeue(out _))
        {
        }

        if (ScheduledRunLine().Match(line) is { Success: true } run)
        {
            scheduledRuns.Enqueue((run.Groups["function"].Value, run.Groups["occurrence"].Value));
        }

        if (BatchLine().Match(line) is { Success: true } batch)
        {
            Interlocked.Increment(ref processedBatches);
            if (batch.Groups["metered"].Value != "0")
            {
                Interlocked.Increment(ref meteredBatches);
            }
        }
    }

    [GeneratedRegex(@"(?<function>[A-Za-z]+) ran the occurrence of (?<occurrence>[0-9T:.\-]+Z)")]
    private static partial Regex ScheduledRunLine();

    [GeneratedRegex(@"Usage batch [0-9a-f]+: (?<metered>[0-9]+) metered")]
    private static partial Regex BatchLine();
}
