using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Functions.Tests.Settlement;
using Billing.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Operations;

/// <summary>With an OTLP endpoint configured, the host exports its storage request metrics over OTLP/HTTP.</summary>
public sealed class MetricsExportTests
{
    [Fact]
    public async Task Storage_request_metrics_reach_an_otlp_http_receiver()
    {
        var bodies = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:" + LoopbackPorts.Free());
        await using var receiver = builder.Build();
        receiver.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            bodies.Enqueue((request.Path, request.ContentType, buffer.ToArray()));
            return Results.Ok();
        });
        await receiver.StartAsync();

        var text = await File.ReadAllTextAsync(Path.Combine(Domain.Tests.Support.RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var settings = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Urls.First(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
        };
        await using var host = await ScenarioHost.StartAsync(scenario, settings: settings);
        await host.PlayAsync(scenario);

        // OTLP protobuf carries names and attribute keys as plain UTF-8 strings.
        static bool Has(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!bodies.Any(b => Has(b.Body, "billing.storage.requests")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var export = Assert.Single(bodies.Where(b => Has(b.Body, "billing.storage.requests")).Take(1));
        Assert.Equal("/v1/metrics", export.Path);
        Assert.Equal("application/x-protobuf", export.ContentType);
        Assert.True(Has(export.Body, StorageMetricsName), "the meter's name is in the export");
        Assert.True(Has(export.Body, "billing.storage.request.duration"), "the duration histogram is in the export");
        foreach (var key in new[] { "storage.service", "http.request.method", "http.response.status_code", "table", "blob", "queue" })
        {
            Assert.True(bodies.Any(b => Has(b.Body, key)), $"'{key}' appears in the exports");
        }
    }

    private const string StorageMetricsName = "BillingFunctions.Storage";
}
