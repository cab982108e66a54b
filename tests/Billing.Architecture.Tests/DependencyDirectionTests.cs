using System.Reflection;

namespace Billing.Architecture.Tests;

/// <summary>
/// Dependencies point inward: the hosts (the function app, the local host) -> Application -> Workflows and Storage -> Domain;
/// the function app never depends on the local host, and the application on neither.
/// The domain references no other project and nothing of Azure or ASP.NET.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[] ProjectAssemblies =
        ["Billing.Domain", "Billing.Workflows", "Billing.Storage", "Billing.Application", "Billing.Functions", "Billing.LocalHost", "billing"];

    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Billing.Domain", [] },
        { "Billing.Workflows", ["Billing.Domain"] },
        { "Billing.Storage", ["Billing.Domain"] },
        { "Billing.Application", ["Billing.Domain", "Billing.Workflows", "Billing.Storage"] },
        { "Billing.Functions", ["Billing.Domain", "Billing.Workflows", "Billing.Storage", "Billing.Application"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Project_references_only_point_inward(string assembly, string[] allowed)
    {
        var referenced = Referenced(assembly)
            .Where(name => ProjectAssemblies.Contains(name, StringComparer.Ordinal))
            .ToArray();

        Assert.All(referenced, name => Assert.Contains(name, allowed));
    }

    [Theory]
    [InlineData("Billing.Domain")]
    [InlineData("Billing.Workflows")]
    public void Core_does_not_reference_Azure_or_AspNetCore(string assembly)
    {
        var outward = Referenced(assembly)
            .Where(name => name.StartsWith("Azure", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal))
            .ToArray();

        Assert.Empty(outward);
    }

    private static IEnumerable<string> Referenced(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);
}
