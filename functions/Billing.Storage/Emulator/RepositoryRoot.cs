namespace Billing.Storage.Emulator;

/// <summary>
/// Finds the repository root: the nearest folder, walking up from the application's base directory and then
/// from the current directory, whose <c>package.json</c> pins Azurite. The emulator and its data live there.
/// </summary>
public static class RepositoryRoot
{
    public static string? TryFind()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                string packageJson = Path.Combine(folder.FullName, "package.json");
                if (File.Exists(packageJson) && File.ReadAllText(packageJson).Contains("\"azurite\"", StringComparison.Ordinal))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    public static string Find() =>
        TryFind() ?? throw new DirectoryNotFoundException(
            "No package.json pinning azurite was found above the application or the current directory; run from inside the repository.");
}
