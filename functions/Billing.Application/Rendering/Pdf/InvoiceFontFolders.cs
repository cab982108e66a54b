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

    public static InvoiceFontFolders Debian { get; } = new(DebianLatin, DebianCjk);

    /// <summary>
    /// The Debian folders unless configured: <c>Pdf:FontFolder</c> holds all three files;
    /// <c>Pdf:LatinFontFolder</c> and <c>Pdf:CjkFontFolder</c> override one folder each.
    /// </summary>
    public static InvoiceFontFolders FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var both = NonBlank(configuration["Pdf:FontFolder"]);
        return new InvoiceFontFolders(
            NonBlank(configuration["Pdf:LatinFontFolder"]) ?? both ?? DebianLatin,
            NonBlank(configuration["Pdf:CjkFontFolder"]) ?? both ?? DebianCjk);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
