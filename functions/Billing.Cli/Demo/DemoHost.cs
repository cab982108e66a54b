using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Billing.Cli.Demo;

/// <summary>
/// The built function host (<c>functions/Billing.LocalHost/bin/{configuration}/net10.0/Billing.LocalHost.dll</c>, built
/// with this program) as a child process of the demo: no nested <c>dotnet run</c>, so nothing between the demo and
/// the host holds back a signal. Stopping kills its process tree; so does the end of the demo's process, however it
/// ends short of SIGKILL.
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<DemoHost, byte> Running = new();

    private readonly Process process;

    static DemoHost()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var host in Running.Keys)
            {
                host.Kill();
            }
        };
    }

    private DemoHost(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    /// <summary>Starts the host on <paramref name="port"/> with <paramref name="settings"/> as environment variables.</summary>
    public static DemoHost Start(string repositoryRoot, int port, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Locate(repositoryRoot);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repositoryRoot,
        };
        foreach (var arg in new[] { dll, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}") })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var host = new DemoHost(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
        Running.TryAdd(host, 0);
        host.process.OutputDataReceived += (_, _) => { };
        host.process.ErrorDataReceived += (_, _) => { };
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync(CancellationToken.None);
        Running.TryRemove(this, out _);
        process.Dispose();
    }

    private static string Locate(string repositoryRoot)
    {
        var configuration = typeof(DemoHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(repositoryRoot, "functions", "Billing.LocalHost", "bin", configuration, "net10.0", "Billing.LocalHost.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"the function host is not built at {dll}; run `dotnet build functions/Billing.Cli` (it builds the host too)");
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
}
