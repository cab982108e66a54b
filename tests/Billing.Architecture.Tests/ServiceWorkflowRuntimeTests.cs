using System.Reflection;

namespace Billing.Architecture.Tests;

/// <summary>
/// The service runs its workflows as Durable orchestrations: the hand-written runtime of <c>Billing.Workflows.Runtime</c>
/// belongs to the scenario runner alone. Neither the application, the function app nor the local host names that
/// namespace in a source or project file (no using, no qualified name, no global using), nor any type of it in a
/// public or private signature of their compiled types.
/// </summary>
public sealed class ServiceWorkflowRuntimeTests
{
    private const string RuntimeNamespace = "Billing.Workflows.Runtime";

    [Theory]
    [InlineData("Billing.Application")]
    [InlineData("Billing.Functions")]
    [InlineData("Billing.LocalHost")]
    public void The_service_s_sources_do_not_use_the_hand_written_workflow_runtime(string project)
    {
        var folder = Path.Combine(RepositoryRoot(), "functions", project);
        var offending = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(RuntimeNamespace, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f))
            .ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("Billing.Application")]
    [InlineData("Billing.Functions")]
    public void The_service_s_types_take_and_hold_no_type_of_the_hand_written_workflow_runtime(string assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offending = Assembly.Load(assembly).GetTypes()
            .SelectMany(type => type.GetFields(all).Select(f => (type, f.FieldType))
                .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => (type, p.ParameterType)))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)).Select(t => (type, t)))
                .Concat(type.GetInterfaces().Append(type.BaseType ?? typeof(object)).Select(t => (type, t))))
            .Where(pair => Names(pair.Item2).Any(n => n.StartsWith(RuntimeNamespace + ".", StringComparison.Ordinal)))
            .Select(pair => $"{pair.type.FullName}: {pair.Item2}")
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(offending);
    }

    /// <summary>The full names of a type and of its generic arguments and element type.</summary>
    private static IEnumerable<string> Names(Type type)
    {
        yield return type.FullName ?? type.Name;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var name in Names(element))
            {
                yield return name;
            }
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var name in Names(argument))
            {
                yield return name;
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BillingFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("BillingFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
