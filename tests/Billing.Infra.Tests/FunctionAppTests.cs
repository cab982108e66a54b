using System.Text.Json.Nodes;
using System.Xml.Linq;
using Billing.Infra.Tests.Bicep;

namespace Billing.Infra.Tests;

/// <summary>
/// The function app in the template: Flex Consumption, the .NET isolated worker at the version the app targets, the
/// user-assigned identity for deployment and Key Vault, none of the settings Flex Consumption refuses; azure.yaml
/// deploys functions/Billing.Functions with infra/.
/// </summary>
public sealed class FunctionAppTests
{
    /// <summary>Settings Flex Consumption refuses (functionAppConfig carries what they meant on other plans).</summary>
    private static readonly string[] RefusedOnFlex =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_MAX_HTTP_CONCURRENCY",
        "FUNCTIONS_WORKER_PROCESS_COUNT", "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTOVERVNET", "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "WEBSITE_NODE_DEFAULT_VERSION", "WEBSITE_SKIP_CONTENTSHARE_VALIDATION", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD",
    ];

    private static async Task<JsonObject> Module() => (await CompiledTemplate.MainAsync()).Module("function-app");

    [Fact]
    public async Task Plan_is_Flex_Consumption()
    {
        JsonObject plan = CompiledTemplate.OfType(await Module(), "Microsoft.Web/serverfarms").Single();

        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task App_runs_the_isolated_worker_at_the_version_the_function_app_targets()
    {
        CompiledTemplate template = await CompiledTemplate.MainAsync();
        JsonObject app = CompiledTemplate.OfType(await Module(), "Microsoft.Web/sites").Single();
        JsonNode runtime = app["properties"]!["functionAppConfig"]!["runtime"]!;
        string targetFramework = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Build.props"))
            .Descendants("TargetFramework").Single().Value;

        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("[parameters('dotnetVersion')]", runtime["version"]!.GetValue<string>());
        Assert.Equal(targetFramework, "net" + template.Root["parameters"]!["dotnetVersion"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task App_uses_its_user_assigned_identity_for_deployment_storage_and_Key_Vault_references()
    {
        JsonObject app = CompiledTemplate.OfType(await Module(), "Microsoft.Web/sites").Single();
        JsonNode properties = app["properties"]!;
        JsonNode deployment = properties["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("UserAssigned", app["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", deployment["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", deployment["authentication"]!["userAssignedIdentityResourceId"]!.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", properties["keyVaultReferenceIdentity"]!.GetValue<string>());
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
    }

    [Fact]
    public async Task App_sets_none_of_the_settings_Flex_Consumption_refuses()
    {
        string module = (await Module()).ToJsonString();

        Assert.All(RefusedOnFlex, name => Assert.DoesNotContain(name, module, StringComparison.Ordinal));
    }

    [Fact]
    public void Azure_yaml_deploys_the_function_app_with_infra()
    {
        string yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"));

        Assert.Contains("project: ./functions/Billing.Functions", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", yaml, StringComparison.Ordinal);
        Assert.Contains("path: infra", yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "functions", "Billing.Functions", "Billing.Functions.csproj")));
    }

    [Fact]
    public async Task Azd_service_tag_names_the_azure_yaml_service()
    {
        CompiledTemplate template = await CompiledTemplate.MainAsync();
        JsonObject deployment = CompiledTemplate.OfType(template.Root, "Microsoft.Resources/deployments")
            .Single(d => d["name"]!.GetValue<string>() == "function-app");
        string service = deployment["properties"]!["parameters"]!["serviceName"]!["value"]!.GetValue<string>();
        string yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"));

        Assert.Contains($"\n  {service}:\n", yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_file_gives_every_parameter_without_a_default()
    {
        JsonObject parameters = (await CompiledTemplate.MainAsync()).Root["parameters"]!.AsObject();
        JsonObject given = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Infra, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(parameters.Where(p => p.Value!["defaultValue"] is null), p => Assert.True(given.ContainsKey(p.Key), $"main.parameters.json does not give {p.Key}"));
        Assert.All(given, p => Assert.True(parameters.ContainsKey(p.Key), $"main.parameters.json gives {p.Key}, which main.bicep does not take"));
    }
}
