using System.Net;
using Azure.Data.Tables;
using Billing.Application.Hosting;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// <c>GET /api/health/ready</c> through the local host: 200 when every table, queue and container exists, 503
/// naming what is missing otherwise, while <c>GET /api/health</c> (liveness) keeps answering 200. The check only reads:
/// the test deletes a table and creates it again itself.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ReadinessTests(HostFixture fixture) : IAsyncLifetime
{
    private const string Deleted = StorageBootstrap.WebhookDeliveriesTable;

    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_started_host_is_ready_with_every_table_queue_container_and_font_ok()
    {
        var ready = await GetAsync("api/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("ready", ready.Json.GetProperty("status").GetString());
        var checks = ready.Json.GetProperty("checks");
        Assert.Equal(StorageBootstrap.RequiredTables.Order(StringComparer.Ordinal), checks.GetProperty("tables").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(StorageBootstrap.RequiredQueues.Count, checks.GetProperty("queues").EnumerateObject().Count());
        Assert.Equal(StorageBootstrap.RequiredContainers.Count, checks.GetProperty("containers").EnumerateObject().Count());
        Assert.Equal(3, checks.GetProperty("fonts").EnumerateObject().Count());
        Assert.All(
            new[] { "tables", "queues", "containers", "fonts" }.SelectMany(kind => checks.GetProperty(kind).EnumerateObject()),
            check => Assert.Equal("ok", check.Value.GetString()));
    }

    [Fact]
    public async Task A_deleted_table_makes_the_host_not_ready_naming_it_until_it_is_created_again()
    {
        var tables = new TableServiceClient(fixture.Azurite.ConnectionString);
        await tables.DeleteTableAsync(Deleted);
        ApiResponse missing;
        ApiResponse live;
        try
        {
            missing = await GetAsync("api/health/ready");
            live = await GetAsync("api/health");
        }
        finally
        {
            await tables.CreateTableIfNotExistsAsync(Deleted);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.Status);
        Assert.Equal("application/problem+json", missing.ContentType);
        Assert.Contains($"table {Deleted}: missing", missing.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([$"table {Deleted}: missing"], missing.Json.GetProperty("failures").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("missing", missing.Json.GetProperty("checks").GetProperty("tables").GetProperty(Deleted).GetString());
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("api/health/ready")).Status);
    }

    [Fact]
    public async Task A_host_without_an_invoice_font_is_not_ready_naming_the_missing_file()
    {
        var empty = Directory.CreateTempSubdirectory("no-cjk-font-").FullName;
        try
        {
            await using var host = await fixture.StartHostAsync(new Dictionary<string, string> { ["Pdf__CjkFontFolder"] = empty });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, "api/health/ready"));
            var answer = await new BillingApi(host.BaseAddress).SendAsync(request);

            var missing = Path.Combine(empty, "DroidSansFallbackFull.ttf");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Equal([$"font {missing}: missing"], answer.Json.GetProperty("failures").EnumerateArray().Select(f => f.GetString()));
            var fonts = answer.Json.GetProperty("checks").GetProperty("fonts");
            Assert.Equal("missing", fonts.GetProperty(missing).GetString());
            Assert.Equal(2, fonts.EnumerateObject().Count(f => f.Value.GetString() == "ok"));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private async Task<ApiResponse> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Api.BaseAddress, path));
        return await fixture.Api.SendAsync(request);
    }
}
