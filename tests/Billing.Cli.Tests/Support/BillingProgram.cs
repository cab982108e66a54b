using System.Diagnostics;

namespace Billing.Cli.Tests.Support;

/// <summary>What one run of the program left behind.</summary>
internal sealed record ProgramResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Stderr split into lines, without the final line break.</summary>
    public IReadOnlyList<string> ErrorLines => StdErr.Length == 0 ? [] : StdErr.TrimEnd('\r', '\n').Split('\n');
}

/// <summary>
/// Runs the built <c>billing</c> program as a user does (<c>dotnet billing.dll ...</c>). The dll is the one the
/// project reference copies next to the test assembly.
/// </summary>
internal static class BillingProgram
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "billing.dll");

    /// <summary>Runs <c>scenario run</c> on <paramref name="scenario"/> written to a scratch file.</summary>
    public static async Task<ProgramResult> RunScenarioAsync(string scenario)
    {
        using var scratch = new ScratchFolder();
        return await RunAsync("scenario", "run", scratch.Write("scenario.json", scenario));
    }

    public static async Task<ProgramResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        return new ProgramResult(process.ExitCode, await stdout, await stderr);
    }
}
