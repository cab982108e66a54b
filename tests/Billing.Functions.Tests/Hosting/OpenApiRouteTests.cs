using System.Net;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Hosting;

/// <summary><c>GET /api/openapi.json</c> through the local host: anyone gets the OpenAPI 3.1 document, which lists the host's own routes.</summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiRouteTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_host_serves_its_OpenAPI_document_without_credentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Api.BaseAddress, "api/openapi.json"));

        var answer = await fixture.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.StartsWith("3.1", answer.Json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = answer.Json.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/payments").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/health/ready").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/openapi.json").TryGetProperty("get", out _));
    }
}
