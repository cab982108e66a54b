using System.Text.Json.Nodes;

namespace Billing.Infra.Tests.Bicep;

/// <summary>
/// <c>infra/main.bicep</c> compiled to an ARM template by <c>bicep build</c>, once per test run, with its modules
/// (nested deployments) reachable by name. Only what the template says is read; nothing is evaluated but plain
/// <c>[parameters('x')]</c> references, which the tests treat as values given at deployment.
/// </summary>
public sealed class CompiledTemplate
{
    private static readonly Lazy<Task<CompiledTemplate>> Main = new(() => BuildAsync("main.bicep"));

    private CompiledTemplate(JsonObject root, BicepRun build)
    {
        Root = root;
        Build = build;
    }

    /// <summary>The template's JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>The <c>bicep build</c> run that wrote it.</summary>
    public BicepRun Build { get; }

    /// <summary><c>infra/main.bicep</c>, built on first use.</summary>
    public static Task<CompiledTemplate> MainAsync() => Main.Value;

    /// <summary>The template of the module deployed as <paramref name="deploymentName"/> (the <c>name:</c> of the module).</summary>
    public JsonObject Module(string deploymentName) =>
        Deployments(Root).SingleOrDefault(d => d["name"]?.GetValue<string>() == deploymentName)?["properties"]?["template"]?.AsObject()
        ?? throw new InvalidOperationException($"main.bicep deploys no module named '{deploymentName}'");

    /// <summary>The parameters main.bicep passes to the module deployed as <paramref name="deploymentName"/>, as written (<c>{"name": {"value": ...}}</c>).</summary>
    public JsonObject ModuleParameters(string deploymentName) =>
        Deployments(Root).SingleOrDefault(d => d["name"]?.GetValue<string>() == deploymentName)?["properties"]?["parameters"]?.AsObject()
        ?? throw new InvalidOperationException($"main.bicep deploys no module named '{deploymentName}'");

    /// <summary>Every resource of the template and of its modules, at any depth (module deployments included).</summary>
    public IReadOnlyList<JsonObject> AllResources() => ResourcesBelow(Root).ToArray();

    /// <summary>The resources of one template, whether listed as an array or (language version 2.0) by symbolic name.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject named => named.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>The resources of <paramref name="template"/> of ARM type <paramref name="type"/>.</summary>
    public static IEnumerable<JsonObject> OfType(JsonObject template, string type) =>
        Resources(template).Where(r => string.Equals(r["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>A variable of <paramref name="template"/> that is a literal list of strings.</summary>
    public static IReadOnlyList<string> StringList(JsonObject template, string variable) =>
        template["variables"]?[variable] is JsonArray array
            ? array.Select(n => n!.GetValue<string>()).ToArray()
            : throw new InvalidOperationException($"variable '{variable}' is not a literal list");

    private static IEnumerable<JsonObject> Deployments(JsonObject template) =>
        OfType(template, "Microsoft.Resources/deployments");

    private static IEnumerable<JsonObject> ResourcesBelow(JsonObject template)
    {
        foreach (JsonObject resource in Resources(template))
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (JsonObject inner in ResourcesBelow(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<CompiledTemplate> BuildAsync(string file)
    {
        string output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"billing-infra-{Guid.NewGuid():N}.json");
        try
        {
            BicepRun run = await BicepCli.RunAsync(RepositoryRoot.Infra, "build", file, "--outfile", output);
            if (run.ExitCode != 0 || !File.Exists(output))
            {
                throw new InvalidOperationException($"bicep build {file} failed: {run}");
            }

            return new CompiledTemplate(JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject(), run);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
