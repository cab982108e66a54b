using System.Reflection;

namespace Billing.Infra.Tests;

/// <summary>The repository this test assembly was built from (handed over by the build as assembly metadata).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The <c>infra</c> folder.</summary>
    public static string Infra => System.IO.Path.Combine(Path, "infra");
}
