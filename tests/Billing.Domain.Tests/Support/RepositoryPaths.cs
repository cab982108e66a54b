namespace Billing.Domain.Tests.Support;

/// <summary>Locates the repository and the shared scenario folder beside it from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/scenarios</c> next to the repository, where the shared examples live.</summary>
    public static string SharedScenarios => Path.GetFullPath(Path.Combine(Root, "..", "shared", "scenarios"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BillingFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
