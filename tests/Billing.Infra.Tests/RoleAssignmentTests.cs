using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Billing.Infra.Tests.Bicep;

namespace Billing.Infra.Tests;

/// <summary>
/// The identity's roles: exactly the data roles the code needs, each assigned on one resource of this deployment
/// (the storage account, the vault, the topic); nothing on the resource group, subscription or above.
/// </summary>
public sealed partial class RoleAssignmentTests
{
    /// <summary>Built-in role definition ids the template may assign, by role name.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"] = "Azure Service Bus Data Sender",
    };

    private static IEnumerable<(JsonObject Module, JsonObject Assignment)> Assignments(CompiledTemplate template) =>
        new[] { template.Root }.Concat(CompiledTemplate.OfType(template.Root, "Microsoft.Resources/deployments")
                .Select(d => d["properties"]!["template"]!.AsObject()))
            .SelectMany(module => CompiledTemplate.OfType(module, "Microsoft.Authorization/roleAssignments").Select(a => (module, a)));

    [Fact]
    public async Task Every_role_assignment_is_scoped_to_one_resource_of_this_deployment()
    {
        var assignments = Assignments(await CompiledTemplate.MainAsync()).ToArray();

        Assert.Equal(3, assignments.Length);
        Assert.All(assignments, a =>
        {
            string scope = a.Assignment["scope"]?.GetValue<string>() ?? "(resource group)";
            Assert.Matches(ResourceInThisGroup(), scope);
        });
    }

    [Fact]
    public async Task Only_the_data_roles_the_code_needs_are_assigned()
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (module, assignment) in Assignments(await CompiledTemplate.MainAsync()))
        {
            // The role id is a literal in the module's variables (a name or a map of names).
            string definition = assignment["properties"]!["roleDefinitionId"]!.GetValue<string>();
            Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", definition, StringComparison.Ordinal);
            roles.UnionWith(Guid().Matches(module["variables"]!.ToJsonString()).Select(m => m.Value));
        }

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), roles);
    }

    [Fact]
    public async Task Every_module_deploys_into_the_resource_group()
    {
        CompiledTemplate template = await CompiledTemplate.MainAsync();

        Assert.All(CompiledTemplate.OfType(template.Root, "Microsoft.Resources/deployments"), d =>
        {
            Assert.Null(d["subscriptionId"]);
            Assert.Null(d["resourceGroup"]);
            Assert.Null(d["scope"]);
            Assert.Null(d["location"]);
            Assert.Contains("deploymentTemplate.json", d["properties"]!["template"]!["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.DoesNotContain(
            template.AllResources(),
            r => r["type"]!.GetValue<string>().StartsWith("Microsoft.Authorization/roleDefinitions", StringComparison.OrdinalIgnoreCase)
                || r["type"]!.GetValue<string>().StartsWith("Microsoft.Authorization/policy", StringComparison.OrdinalIgnoreCase));
    }

    // resourceId('Microsoft.Storage/storageAccounts', ...) and the like: a resource of the deployment's resource group.
    [GeneratedRegex(@"^\[resourceId\('Microsoft\.(Storage/storageAccounts|KeyVault/vaults|ServiceBus/namespaces/topics)',")]
    private static partial Regex ResourceInThisGroup();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
