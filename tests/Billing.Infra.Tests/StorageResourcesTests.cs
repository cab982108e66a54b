using System.Reflection;
using System.Text.Json.Nodes;
using Billing.Application.Hosting;
using Billing.Application.Settlement;
using Billing.Infra.Tests.Bicep;
using Billing.Infra.Tests.Code;

namespace Billing.Infra.Tests;

/// <summary>
/// The storage account of the template against the code: every table, queue and container the code uses is created by
/// the template (or listed here as created by the code, with why); the invoices container is immutable; shared keys are off.
/// </summary>
public sealed class StorageResourcesTests
{
    /// <summary>Names the code uses that the template leaves to the code, and why.</summary>
    private static readonly Dictionary<string, string> CreatedByCodeOnly = new(StringComparer.Ordinal)
    {
        ["table simclock"] = "the simulated clock's instant (Billing__Clock=simulated, local runs and demos); SimulatedClock creates it, Azure runs the system clock",
    };

    private static JsonObject StorageModule(CompiledTemplate template) => template.Module("storage");

    private static HashSet<string> TemplateNames(CompiledTemplate template)
    {
        JsonObject storage = StorageModule(template);
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(CompiledTemplate.StringList(storage, "tableNames").Select(n => "table " + n));
        names.UnionWith(CompiledTemplate.StringList(storage, "queueNames").Select(n => "queue " + n));
        names.UnionWith(CompiledTemplate.StringList(storage, "containerNames").Select(n => "container " + n));
        names.Add("container " + storage["variables"]!["invoicesContainerName"]!.GetValue<string>());
        return names;
    }

    /// <summary>What StorageBootstrap creates at start (its private lists), and every public name constant of the application.</summary>
    public static TheoryData<string> CodeNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (field, kind) in new[] { ("Tables", "table"), ("Queues", "queue"), ("Containers", "container") })
        {
            FieldInfo list = typeof(StorageBootstrap).GetField(field, BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new InvalidOperationException($"StorageBootstrap.{field} is gone: update this test to where the code lists its {kind}s");
            names.UnionWith(((string[])list.GetValue(null)!).Select(n => $"{kind} {n}"));
        }

        foreach (FieldInfo constant in typeof(StorageBootstrap).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (Type: t, Field: f)))
            .Where(x => x.Field.IsLiteral && x.Field.FieldType == typeof(string))
            .Select(x => x.Field))
        {
            string? kind = Kind(constant);
            if (kind is not null)
            {
                names.Add($"{kind} {(string)constant.GetRawConstantValue()!}");
            }
        }

        foreach (string queue in FunctionAppMetadata.TriggerQueues())
        {
            names.Add("queue " + queue);
            names.Add($"queue {queue}-poison");
        }

        return new TheoryData<string>(names);
    }

    /// <summary>table, queue or container, by the constant's name (<c>CatalogTable</c>, <c>PayloadContainer</c>, <c>QueueName</c>, <c>SettlementRequestQueue.Name</c>).</summary>
    private static string? Kind(FieldInfo constant)
    {
        string name = constant.Name;
        return name.EndsWith("Table", StringComparison.Ordinal) || name == "TableName" ? "table"
            : name.EndsWith("Container", StringComparison.Ordinal) || name == "ContainerName" ? "container"
            : name == "QueueName" || (name == "Name" && constant.DeclaringType!.Name.EndsWith("Queue", StringComparison.Ordinal)) ? "queue"
            : null;
    }

    [Theory]
    [MemberData(nameof(CodeNames))]
    public async Task Storage_the_code_uses_is_created_by_the_template_or_by_the_code(string resource)
    {
        HashSet<string> created = TemplateNames(await CompiledTemplate.MainAsync());

        Assert.True(
            created.Contains(resource) || CreatedByCodeOnly.ContainsKey(resource),
            $"{resource} is used by the code but infra/modules/storage.bicep does not create it; add it there, or to CreatedByCodeOnly with the reason");
    }

    [Fact]
    public async Task Template_lists_become_resources()
    {
        JsonObject storage = StorageModule(await CompiledTemplate.MainAsync());

        foreach (var (type, list) in new[]
        {
            ("Microsoft.Storage/storageAccounts/tableServices/tables", "tableNames"),
            ("Microsoft.Storage/storageAccounts/queueServices/queues", "queueNames"),
            ("Microsoft.Storage/storageAccounts/blobServices/containers", "containerNames"),
        })
        {
            Assert.Contains(
                CompiledTemplate.OfType(storage, type),
                r => r["copy"] is not null && r["name"]!.GetValue<string>().Contains($"variables('{list}')[copyIndex()]", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_queue_has_its_poison_queue()
    {
        IReadOnlyList<string> queues = CompiledTemplate.StringList(StorageModule(await CompiledTemplate.MainAsync()), "queueNames");

        Assert.All(queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)), q => Assert.Contains(q + "-poison", queues));
    }

    [Fact]
    public async Task Invoices_container_is_immutable_with_versioning_and_a_time_based_policy()
    {
        JsonObject storage = StorageModule(await CompiledTemplate.MainAsync());
        Assert.Equal(InvoiceDelivery.Container, storage["variables"]!["invoicesContainerName"]!.GetValue<string>());
        Assert.DoesNotContain(InvoiceDelivery.Container, CompiledTemplate.StringList(storage, "containerNames"));

        JsonObject invoices = CompiledTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(r => r["name"]!.GetValue<string>().Contains("variables('invoicesContainerName')", StringComparison.Ordinal));
        Assert.True(invoices["properties"]!["immutableStorageWithVersioning"]!["enabled"]!.GetValue<bool>());

        JsonObject policy = CompiledTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies").Single();
        Assert.Contains("variables('invoicesContainerName')", policy["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("[parameters('invoiceRetentionDays')]", policy["properties"]!["immutabilityPeriodSinceCreationInDays"]!.GetValue<string>());
        Assert.False(policy["properties"]!["allowProtectedAppendWrites"]!.GetValue<bool>());

        JsonObject blobService = CompiledTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices").Single();
        Assert.True(blobService["properties"]!["isVersioningEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Storage_account_refuses_shared_keys_public_blobs_and_old_tls()
    {
        JsonObject account = CompiledTemplate.OfType(StorageModule(await CompiledTemplate.MainAsync()), "Microsoft.Storage/storageAccounts").Single();
        JsonNode properties = account["properties"]!;

        Assert.Equal("StorageV2", account["kind"]!.GetValue<string>());
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Only_one_storage_account_is_deployed()
    {
        CompiledTemplate template = await CompiledTemplate.MainAsync();

        Assert.Single(template.AllResources(), r => r["type"]?.GetValue<string>() == "Microsoft.Storage/storageAccounts" && r["existing"] is null);
    }
}
