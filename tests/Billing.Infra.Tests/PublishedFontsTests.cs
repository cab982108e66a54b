using System.Diagnostics;

namespace Billing.Infra.Tests;

/// <summary>
/// The deployed function app carries the invoice fonts: <c>dotnet publish</c> of Billing.Functions puts DejaVu Sans and
/// Droid Sans Fallback in <c>fonts/</c> (copied from the build machine's Debian packages), where the renderer reads
/// them; a publish on a machine without them stops, naming the missing file.
/// </summary>
public sealed class PublishedFontsTests : IDisposable
{
    private static readonly string Project = Path.Combine(RepositoryRoot.Path, "functions", "Billing.Functions", "Billing.Functions.csproj");
    private readonly string output = Directory.CreateTempSubdirectory("billing-publish-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public async Task A_published_function_app_carries_the_three_invoice_font_files_in_its_fonts_folder()
    {
        var (exitCode, log) = await PublishAsync(Path.Combine(output, "app"));

        Assert.True(exitCode == 0, log);
        var fonts = Path.Combine(output, "app", "fonts");
        Assert.Equal(["DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "DroidSansFallbackFull.ttf"], Directory.GetFiles(fonts).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new FileInfo("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf").Length, new FileInfo(Path.Combine(fonts, "DroidSansFallbackFull.ttf")).Length);
    }

    [Fact]
    public async Task A_publish_without_the_CJK_font_on_the_build_machine_stops_naming_the_missing_file()
    {
        var empty = Directory.CreateDirectory(Path.Combine(output, "no-fonts")).FullName;

        var (exitCode, log) = await PublishAsync(Path.Combine(output, "app"), $"-p:InvoiceCjkFontFolder={empty}");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"The invoice font {Path.Combine(empty, "DroidSansFallbackFull.ttf")} is missing", log, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Log)> PublishAsync(string to, params string[] properties)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", Project, "-c", "Release", "-o", to, "--nologo", "-clp:NoSummary" }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
