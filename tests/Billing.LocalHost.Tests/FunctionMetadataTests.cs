namespace Billing.LocalHost.Tests;

/// <summary>The build's <c>functions.metadata</c> is the function app Azure and Core Tools would index: it lists exactly the functions the README documents.</summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public void Functions_metadata_lists_every_function_the_README_documents_with_its_trigger_and_no_other()
    {
        var built = FunctionMetadata.ReadBuilt().ToDictionary(f => f.Name, f => f.Triggers.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var documented = ReadmeFunctions.Read().ToDictionary(f => f.Key, f => f.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        Assert.Empty(built.Keys.Except(documented.Keys).Select(name => $"{name} is built but not in the README"));
        Assert.Empty(documented.Keys.Except(built.Keys).Select(name => $"{name} is in the README but not built"));
        Assert.All(built, f => Assert.Equal(documented[f.Key], f.Value));
    }

    [Fact]
    public void Every_HTTP_function_is_anonymous_and_none_sits_on_the_Functions_host_routes()
    {
        var http = FunctionMetadata.ReadBuilt().Where(f => f.TriggerType == "httpTrigger").ToArray();

        Assert.NotEmpty(http);
        Assert.All(http, f => Assert.Equal("Anonymous", f.AuthLevel));
        Assert.All(http.SelectMany(f => f.Triggers), line =>
        {
            string route = line[(line.IndexOf(" /api/", StringComparison.Ordinal) + 6)..];
            Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), line);
        });
    }

    [Fact]
    public void The_function_app_ships_host_json_with_the_route_prefix_and_poison_rules_the_local_host_reads()
    {
        var settings = Functions.HostJson.Read(File.ReadAllText(Path.Combine(Billing.Storage.Emulator.RepositoryRoot.Find(), "functions", "Billing.Functions", "host.json")));

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(5, settings.QueueMaxDequeueCount);
        // What every sender writes (IQueueClient Base64-encodes), so Functions hands the functions the text that was sent.
        Assert.Equal("base64", settings.QueueMessageEncoding);
    }

    [Fact]
    public void Host_json_names_the_Durable_task_hub_the_orchestrations_share()
    {
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Billing.Storage.Emulator.RepositoryRoot.Find(), "functions", "Billing.Functions", "host.json")));

        Assert.Equal("BillingHub", hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
    }
}
