using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// A built program (<c>dotnet X.dll args</c>) as a child process with an environment and working directory of the
/// test's choosing, for tests of how it starts and stops: what it printed, its descendants (read from
/// <c>/proc</c>), and real signals sent with <c>kill</c>. Disposing kills what is left of its process tree.
/// </summary>
internal sealed class ChildProgram : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly HashSet<int> seen = [];

    private ChildProgram(Process process) => this.process = process;

    public int ProcessId => process.Id;

    public string Output => string.Join('\n', output);

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/></c>; a null value in <paramref name="environment"/> removes that variable.
    /// When this test run ignores SIGINT (started in the background by a non-interactive shell, which ignores it for its
    /// <c>&amp;</c> jobs and their children), the program is started through <c>env --default-signal=INT</c> (same process),
    /// so it gets Ctrl+C as it would from a terminal.
    /// </summary>
    public static ChildProgram Start(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var restoreInterrupt = InterruptIgnored() && File.Exists("/usr/bin/env");
        var start = new ProcessStartInfo(restoreInterrupt ? "/usr/bin/env" : dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        if (restoreInterrupt)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(dotnet);
        }

        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var child = new ChildProgram(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
        child.process.OutputDataReceived += (_, e) => child.Record(e.Data);
        child.process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Polls until the program printed <paramref name="text"/>; fails with its output when it exits first or the time is up.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(process.HasExited, $"the program exited with code {(process.HasExited ? process.ExitCode : 0)} before printing '{text}':\n{Tail()}");
            Assert.True(stopwatch.Elapsed < limit, $"the program did not print '{text}' within {limit.TotalSeconds:0} s:\n{Tail()}");
            RememberDescendants();
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        RememberDescendants();
    }

    /// <summary>Every process seen below this one so far (they may have exited since).</summary>
    public IReadOnlyCollection<int> Descendants
    {
        get
        {
            RememberDescendants();
            return [.. seen];
        }
    }

    /// <summary>The command line of a live process, or null once it is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return IsAlive(pid) ? File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True while the process exists and is not a zombie waiting for its parent.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Sends <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>) to the program alone, with <c>kill</c>.</summary>
    public async Task SignalAsync(string signal)
    {
        RememberDescendants();
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, ProcessId.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>
    /// Waits at most <paramref name="limit"/> for the program and every process seen below it to be gone; returns
    /// the command lines of those still alive (empty when all exited in time).
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForTreeExitAsync(TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var alive = new[] { ProcessId }.Concat(seen).Where(pid => pid == ProcessId ? !process.HasExited : IsAlive(pid)).ToList();
            if (alive.Count == 0)
            {
                return [];
            }

            if (stopwatch.Elapsed > limit)
            {
                return [.. alive.Select(pid => $"{pid}: {(pid == ProcessId ? "the program" : CommandLine(pid))}")];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    public string Tail() => string.Join('\n', output.TakeLast(40));

    public async ValueTask DisposeAsync()
    {
        RememberDescendants();
        foreach (var pid in seen.Where(IsAlive))
        {
            try
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone between the check and the kill.
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void RememberDescendants()
    {
        if (process.HasExited)
        {
            return;
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (IOException)
            {
                // Exited while listing.
            }
        }

        var pending = new Stack<int>([ProcessId]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                seen.Add(child);
                pending.Push(child);
            }
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of <c>SigIgn</c> in <c>/proc/self/status</c>).</summary>
    private static bool InterruptIgnored()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var ignored)
            && (ignored & (1UL << (2 - 1))) != 0;
    }
}
