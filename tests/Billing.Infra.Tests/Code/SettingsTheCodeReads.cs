using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Billing.Application.Hosting;

namespace Billing.Infra.Tests.Code;

/// <summary>
/// The app settings the code reads, as app setting names (<c>Billing__AdminKey</c>): a property of every options class
/// (a type of Billing.Application with a <c>public const string Section</c>, or bound in the sources with
/// <c>Configure&lt;T&gt;(configuration.GetSection(X.Section))</c>), a collection as a prefix
/// (<c>Billing__IngestKeys__</c>); the keys read directly from configuration, kept in <see cref="DirectKeys"/> and
/// checked against the sources, so a new literal key fails the tests until it is listed.
/// </summary>
public static partial class SettingsTheCodeReads
{
    /// <summary>Keys the code reads directly (<c>configuration["..."]</c> and the storage connection's sub-keys).</summary>
    public static readonly IReadOnlySet<string> DirectKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage",
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureFunctionsJobHost__id",
        "LocalHost__QueueMessageLease",
        "WEBSITE_SITE_NAME",
        "Azurite__Location",
        "shutdownTimeoutSeconds",
        "urls",
        "http_ports",
        "https_ports",
        "Host__LocalHttpPort",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_METRIC_EXPORT_INTERVAL",
        "OTEL_BSP_SCHEDULE_DELAY",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "Pdf__LicenseKey",
        "Pdf__FontFolder",
        "Pdf__LatinFontFolder",
        "Pdf__CjkFontFolder",
        "ServiceBusConnection",
        "ServiceBusConnection__fullyQualifiedNamespace",
        "ServiceBusConnection__credential",
        "ServiceBusConnection__clientId",
    };

    /// <summary>One setting: its name, or for a collection the prefix of its items' names.</summary>
    public sealed record Setting(string Name, bool IsPrefix)
    {
        public override string ToString() => IsPrefix ? Name + "*" : Name;
    }

    /// <summary>Every setting the code reads: the options classes' properties and the direct keys.</summary>
    public static IReadOnlyList<Setting> All() =>
        OptionsSettings().Concat(DirectKeys.Select(k => new Setting(k, false)))
            .DistinctBy(s => s.Name)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The literal keys the application's sources read as <c>configuration["..."]</c>, as app setting names.</summary>
    public static IReadOnlyList<string> LiteralKeysInSources() =>
        Sources().SelectMany(source => LiteralKey().Matches(source).Select(m => m.Groups[1].Value))
            .Select(k => k.Replace(":", "__", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IEnumerable<string> Sources()
    {
        string functions = Path.Combine(RepositoryRoot.Path, "functions");
        char separator = Path.DirectorySeparatorChar;
        return Directory.GetFiles(functions, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Select(File.ReadAllText);
    }

    /// <summary>Each options class with the section it is bound to.</summary>
    private static IEnumerable<(Type Options, string Section)> OptionsClasses()
    {
        Type[] types = typeof(StorageBootstrap).Assembly.GetTypes();
        string? SectionOf(Type type) =>
            type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field.GetRawConstantValue() as string : null;

        foreach (Type type in types)
        {
            if (SectionOf(type) is { } section)
            {
                yield return (type, section);
            }
        }

        foreach (Match bound in Sources().SelectMany(source => BoundOptions().Matches(source)))
        {
            Type options = types.Single(t => t.Name == bound.Groups[1].Value);
            Type owner = types.Single(t => t.Name == bound.Groups[2].Value);
            yield return (options, SectionOf(owner) ?? throw new InvalidOperationException($"{owner.Name}.Section is not a constant"));
        }
    }

    private static IEnumerable<Setting> OptionsSettings()
    {
        foreach (var (type, name) in OptionsClasses().Distinct())
        {
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                bool collection = property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);
                yield return collection
                    ? new Setting($"{name}__{property.Name}__", IsPrefix: true)
                    : new Setting($"{name}__{property.Name}", IsPrefix: false);
            }
        }
    }

    [GeneratedRegex("""[Cc]onfiguration\[\s*"([^"]+)"\s*\]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""Configure<(\w+)>\(\s*configuration\.GetSection\((\w+)\.Section\)""")]
    private static partial Regex BoundOptions();
}
