namespace Billing.Cli.Tests.Support;

/// <summary>The shared example folder <c>../shared/scenarios</c> beside the repository.</summary>
internal static class SharedScenarios
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "scenarios"));
            }
        }

        throw new InvalidOperationException("BillingFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
