using Billing.LocalHost.Functions;
using Microsoft.Extensions.Configuration;

namespace Billing.LocalHost.Tests;

/// <summary>
/// How the local host reads the function app's <c>host.json</c>: the file's values, the Functions defaults for what
/// it leaves out, and app settings <c>AzureFunctionsJobHost__extensions__queues__*</c> winning over the file, as under
/// the Functions host.
/// </summary>
public sealed class HostJsonTests
{
    private const string File = """
        {
          "version": "2.0",
          "extensions": {
            "http": { "routePrefix": "api" },
            "queues": { "batchSize": 16, "newBatchThreshold": 8, "maxDequeueCount": 5, "maxPollingInterval": "00:00:02", "visibilityTimeout": "00:00:00" }
          }
        }
        """;

    [Fact]
    public void The_function_apps_host_json_names_each_setting_once()
    {
        var path = Path.Combine(Billing.Storage.Emulator.RepositoryRoot.Find(), "functions", "Billing.Functions", "host.json");

        // A repeated key is read differently by different readers (the last one wins in some, the first in others).
        var exception = Record.Exception(() => System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(path), new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false }).Dispose());

        Assert.Null(exception);
    }

    [Fact]
    public void An_app_setting_overrides_the_files_queue_setting_and_leaves_the_others_as_the_file_says()
    {
        var settings = Settings(new()
        {
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "4",
        });

        var host = HostJson.Read(File, settings);

        Assert.Equal(TimeSpan.FromMilliseconds(500), host.QueueMaxPollingInterval);
        Assert.Equal(4, host.QueueBatchSize);
        Assert.Equal(8, host.QueueNewBatchThreshold);
        Assert.Equal(5, host.QueueMaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, host.QueueVisibilityTimeout);
        Assert.Equal("api", host.RoutePrefix);
    }

    [Fact]
    public void An_environment_variable_spelled_as_in_Functions_overrides_the_file()
    {
        // A prefix of this test's own keeps the process-wide variable from reaching any other reader.
        var prefix = "BILLING_TEST_" + Guid.NewGuid().ToString("N") + "_";
        Environment.SetEnvironmentVariable(prefix + "AzureFunctionsJobHost__extensions__queues__visibilityTimeout", "00:00:30");
        try
        {
            var settings = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            Assert.Equal(TimeSpan.FromSeconds(30), HostJson.Read(File, settings).QueueVisibilityTimeout);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "AzureFunctionsJobHost__extensions__queues__visibilityTimeout", null);
        }
    }

    [Fact]
    public void A_setting_neither_the_file_nor_an_app_setting_gives_takes_the_Functions_default()
    {
        var host = HostJson.Read("""{ "version": "2.0", "extensions": { "queues": { "batchSize": 10 } } }""", Settings([]));

        Assert.Equal(10, host.QueueBatchSize);
        Assert.Equal(5, host.QueueNewBatchThreshold);
        Assert.Equal(5, host.QueueMaxDequeueCount);
        Assert.Equal(TimeSpan.FromMinutes(1), host.QueueMaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, host.QueueVisibilityTimeout);
        Assert.Equal("base64", host.QueueMessageEncoding);
        Assert.Equal("api", host.RoutePrefix);
    }

    [Fact]
    public void An_override_that_does_not_parse_stops_the_host_naming_the_setting()
    {
        var settings = Settings(new() { ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "five" });

        var error = Assert.Throws<InvalidOperationException>(() => HostJson.Read(File, settings));

        Assert.Contains("AzureFunctionsJobHost__extensions__queues__maxDequeueCount", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
