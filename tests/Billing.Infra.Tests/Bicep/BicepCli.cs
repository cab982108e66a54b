using System.Diagnostics;
using System.Reflection;

namespace Billing.Infra.Tests.Bicep;

/// <summary>
/// The Bicep CLI of the <c>Azure.Bicep.CommandLine.linux-x64</c> package this project references (its folder is
/// handed over by the build as assembly metadata), run as a child process. Nothing is downloaded.
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The <c>bicep</c> executable, made executable for its owner when the package was extracted without the bit.</summary>
    public static string Executable { get; } = Locate();

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; the exit code and both streams.</summary>
    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no update check: the tests run offline.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        string? folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackageFolder")?.Value;
        if (string.IsNullOrEmpty(folder))
        {
            throw new InvalidOperationException("BicepPackageFolder is not in the assembly metadata: the package reference needs GeneratePathProperty=\"true\".");
        }

        string path = Path.Combine(folder, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("the Bicep CLI is not in its package folder", path);
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }

        return path;
    }
}

/// <summary>One run of the Bicep CLI: its exit code, standard output and standard error.</summary>
public sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    /// <summary>The diagnostics lines (<c>file(line,col) : Warning rule: ...</c>, <c>... : Error BCP...</c>) of both streams.</summary>
    public IReadOnlyList<string> Diagnostics =>
        (Output + "\n" + Errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal) || line.Contains(" : Error ", StringComparison.Ordinal))
            .ToArray();

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}
