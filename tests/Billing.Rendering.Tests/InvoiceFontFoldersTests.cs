using Billing.Application.Rendering;
using Microsoft.Extensions.Configuration;

namespace Billing.Rendering.Tests;

/// <summary>Where the renderer looks for its fonts: configured folders, else the app's own fonts folder, else Debian's.</summary>
public sealed class InvoiceFontFoldersTests : IDisposable
{
    private readonly string app = Directory.CreateTempSubdirectory("font-app-").FullName;

    public void Dispose() => Directory.Delete(app, recursive: true);

    [Fact]
    public void An_app_without_a_fonts_folder_reads_Debian_s_folders()
    {
        Assert.Equal(InvoiceFontFolders.Debian, InvoiceFontFolders.FromConfiguration(Settings(), app));
    }

    [Fact]
    public void A_published_app_s_fonts_folder_is_read_for_both_scripts()
    {
        var bundled = Directory.CreateDirectory(Path.Combine(app, InvoiceFontFolders.AppFolderName)).FullName;

        Assert.Equal(new InvoiceFontFolders(bundled, bundled), InvoiceFontFolders.FromConfiguration(Settings(), app));
    }

    [Fact]
    public void Configured_folders_win_over_the_app_s_fonts_folder()
    {
        Directory.CreateDirectory(Path.Combine(app, InvoiceFontFolders.AppFolderName));

        var folders = InvoiceFontFolders.FromConfiguration(Settings(("Pdf:FontFolder", "/srv/fonts"), ("Pdf:CjkFontFolder", "/srv/cjk")), app);

        Assert.Equal(new InvoiceFontFolders("/srv/fonts", "/srv/cjk"), folders);
    }

    [Fact]
    public void Missing_files_are_named_by_full_path_and_none_are_missing_in_Debian_s_folders_here()
    {
        var folders = new InvoiceFontFolders(InvoiceFontFolders.DebianLatin, app);

        Assert.Equal([Path.Combine(app, "DroidSansFallbackFull.ttf")], folders.MissingFiles());
        Assert.Empty(InvoiceFontFolders.Debian.MissingFiles());
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
