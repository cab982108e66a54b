using Microsoft.Extensions.Configuration;

namespace Billing.Application.Rendering;

/// <summary>
/// Where the PDF fonts are read from: <c>DejaVuSans.ttf</c> and <c>DejaVuSans-Bold.ttf</c> in
/// <see cref="Latin"/>, <c>DroidSansFallbackFull.ttf</c> (CJK glyphs only) in <see cref="Cjk"/>. PDFsharp
/// reads single TrueType files only, which is why these and not the Noto CJK collections.
/// </summary>
public sealed record InvoiceFontFolders(string Latin, string Cjk)
{
    /// <summary>Debian's <c>fonts-dejavu-core</c>.</summary>
    public const string DebianLatin = "/usr/share/fonts/truetype/dejavu";

    /// <summary>Debian's <c>fonts-droid-fallback</c>.</summary>
    public const string DebianCjk = "/usr/share/fonts/truetype/droid";

    /// <summary>
    /// The folder, beside the app's assemblies, that a published function app carries the three files in (the publish
    /// copies them from the build machine's Debian packages; see <c>Billing.Functions.csproj</c>).
    /// </summary>
    public const string AppFolderName = "fonts";

    /// <summary>The font files of the Latin folder.</summary>
    public static IReadOnlyList<string> LatinFiles { get; } = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

    /// <summary>The font files of the CJK folder.</summary>
    public static IReadOnlyList<string> CjkFiles { get; } = ["DroidSansFallbackFull.ttf"];

    public static InvoiceFontFolders Debian { get; } = new(DebianLatin, DebianCjk);

    /// <summary>Every font file's full path, Latin first.</summary>
    public IReadOnlyList<string> Files =>
        [.. LatinFiles.Select(f => Path.Combine(Latin, f)), .. CjkFiles.Select(f => Path.Combine(Cjk, f))];

    /// <summary>The font files that do not exist, by full path; empty when invoices can be rendered.</summary>
    public IReadOnlyList<string> MissingFiles() => [.. Files.Where(f => !File.Exists(f))];

    /// <summary>
    /// <c>Pdf:FontFolder</c> holds all three files; <c>Pdf:LatinFontFolder</c> and <c>Pdf:CjkFontFolder</c> override
    /// one folder each. Unconfigured: the app's own <see cref="AppFolderName"/> folder (under
    /// <paramref name="appDirectory"/>, default the app's base directory) when it exists, else the Debian folders.
    /// </summary>
    public static InvoiceFontFolders FromConfiguration(IConfiguration configuration, string? appDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var bundled = Path.Combine(appDirectory ?? AppContext.BaseDirectory, AppFolderName);
        var both = NonBlank(configuration["Pdf:FontFolder"]) ?? (Directory.Exists(bundled) ? bundled : null);
        return new InvoiceFontFolders(
            NonBlank(configuration["Pdf:LatinFontFolder"]) ?? both ?? DebianLatin,
            NonBlank(configuration["Pdf:CjkFontFolder"]) ?? both ?? DebianCjk);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
