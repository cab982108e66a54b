using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Billing.Application.Rendering;

/// <summary>
/// Serves PDFsharp the two invoice font families from files: <see cref="LatinFamily"/> (DejaVu Sans, regular
/// and bold) and <see cref="CjkFamily"/> (Droid Sans Fallback, bold simulated). PDFsharp holds one resolver
/// per process, so it is installed once through <see cref="Install"/>.
/// </summary>
internal sealed class InvoiceFontResolver : IFontResolver
{
    public const string LatinFamily = "Invoice Latin";
    public const string CjkFamily = "Invoice CJK";

    private const string LatinRegular = "DejaVuSans";
    private const string LatinBold = "DejaVuSans-Bold";
    private const string Cjk = "DroidSansFallbackFull";

    private static readonly Lock Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> faces = new(StringComparer.Ordinal);

    private InvoiceFontResolver(InvoiceFontFolders folders) => Folders = folders;

    public InvoiceFontFolders Folders { get; }

    /// <summary>
    /// Makes this resolver PDFsharp's, reading from <paramref name="folders"/>. Repeating the call with the same
    /// folders does nothing; other folders, or another resolver already installed, are a configuration error.
    /// </summary>
    public static void Install(InvoiceFontFolders folders)
    {
        lock (Gate)
        {
            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = new InvoiceFontResolver(folders);
                    return;
                case InvoiceFontResolver installed when installed.Folders == folders:
                    return;
                case InvoiceFontResolver installed:
                    throw new InvalidOperationException($"PDF fonts are already read from {installed.Folders}; they cannot change to {folders} in the same process.");
                default:
                    throw new InvalidOperationException("Another PDFsharp font resolver is installed in this process.");
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        LatinFamily => new FontResolverInfo(bold ? LatinBold : LatinRegular),
        CjkFamily => new FontResolverInfo(Cjk, bold ? XStyleSimulations.BoldSimulation : XStyleSimulations.None),
        _ => null,
    };

    public byte[]? GetFont(string faceName) => faces.GetOrAdd(faceName, Read);

    private byte[] Read(string faceName)
    {
        var (folder, package, setting) = faceName == Cjk
            ? (Folders.Cjk, "fonts-droid-fallback", "Pdf:CjkFontFolder")
            : (Folders.Latin, "fonts-dejavu-core", "Pdf:LatinFontFolder");
        var path = Path.Combine(folder, faceName + ".ttf");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The invoice font {path} is missing: install Debian's {package} or point {setting} (or Pdf:FontFolder) at a folder holding {faceName}.ttf.", path);
        }

        return File.ReadAllBytes(path);
    }
}
