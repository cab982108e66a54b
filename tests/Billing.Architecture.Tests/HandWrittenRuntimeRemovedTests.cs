using System.Reflection;

namespace Billing.Architecture.Tests;

/// <summary>
/// The service runs its workflows as Durable orchestrations, and the hand-written workflow runtime it replaced (instance
/// rows, a timers table, a retry endpoint; namespace <c>Billing.Workflows.Runtime</c>) is gone from every project: the
/// scenario runner plays the pure dunning ladder in memory (<c>SimulationLadders</c>). No source or project file names
/// that namespace or the runtime's tables, and no compiled type of the service, the engine or the runner belongs to it
/// or takes or holds a type that does.
/// </summary>
public sealed class HandWrittenRuntimeRemovedTests
{
    private const string RuntimeNamespace = "Billing.Workflows.Runtime";

    private static readonly string[] Projects =
        ["Billing.Domain", "Billing.Workflows", "Billing.Storage", "Billing.Application", "Billing.Functions", "Billing.LocalHost", "Billing.Cli"];

    [Fact]
    public void No_source_names_the_runtime_or_its_tables()
    {
        string[] names = [RuntimeNamespace, "WorkflowRuntime", "\"workflowtimers\"", "\"workflows\""];
        var offending = Projects
            .SelectMany(project => Sources(Path.Combine(RepositoryRoot(), "functions", project)))
            .SelectMany(file => names.Where(name => File.ReadAllText(file).Contains(name, StringComparison.Ordinal)).Select(name => $"{Path.GetRelativePath(RepositoryRoot(), file)}: {name}"))
            .ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("Billing.Domain")]
    [InlineData("Billing.Workflows")]
    [InlineData("Billing.Storage")]
    [InlineData("Billing.Application")]
    [InlineData("Billing.Functions")]
    [InlineData("billing")]
    public void No_compiled_type_belongs_to_the_runtime_or_takes_or_holds_one_of_its_types(string assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = Assembly.Load(assembly).GetTypes();
        var offending = types
            .Where(type => InRuntime(type.FullName ?? type.Name))
            .Select(type => type.FullName ?? type.Name)
            .Concat(types
                .SelectMany(type => type.GetFields(all).Select(f => (type, f.FieldType))
                    .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => (type, p.ParameterType)))
                    .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)).Select(t => (type, t)))
                    .Concat(type.GetInterfaces().Append(type.BaseType ?? typeof(object)).Select(t => (type, t))))
                .Where(pair => Names(pair.Item2).Any(InRuntime))
                .Select(pair => $"{pair.type.FullName}: {pair.Item2}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(offending);
    }

    private static bool InRuntime(string name) => name.StartsWith(RuntimeNamespace + ".", StringComparison.Ordinal);

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

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
