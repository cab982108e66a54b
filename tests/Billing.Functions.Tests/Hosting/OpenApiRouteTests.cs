using System.Net;
using System.Text.Json;
using Billing.Application.Security;
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

    [Fact]
    public async Task Real_answers_carry_the_properties_their_documented_schemas_list_and_no_other()
    {
        using var documentRequest = fixture.Api.Request(HttpMethod.Get, "api/openapi.json");
        JsonElement document = (await fixture.Api.SendAsync(documentRequest)).Json;
        using var estimate = fixture.Api.Request(HttpMethod.Post, "api/estimate", """{"plan":"standard","usage":{"api_calls":"10"}}""");
        using var badPayment = fixture.Api.Request(HttpMethod.Post, "api/payments", """{"id":"p-openapi","customer":"nobody","amount":"1.005"}""");
        badPayment.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        using var clock = fixture.Api.Request(HttpMethod.Get, "api/manage/clock");
        clock.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        using var ready = fixture.Api.Request(HttpMethod.Get, "api/health/ready");

        foreach (var (request, path) in new[] { (estimate, "/api/estimate"), (badPayment, "/api/payments"), (clock, "/api/manage/clock"), (ready, "/api/health/ready") })
        {
            var answer = await fixture.Api.SendAsync(request);
            string status = ((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
            JsonElement schema = Resolve(document, document.GetProperty("paths").GetProperty(path).GetProperty(request.Method.Method.ToLowerInvariant())
                .GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty(answer.ContentType!).GetProperty("schema"));
            var documented = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToArray() : [];
            var actual = answer.Json.EnumerateObject().Select(p => p.Name).ToArray();

            Assert.Empty(actual.Except(documented).Select(name => $"{request.Method} {path} {status}: '{name}' is not documented"));
            Assert.Empty(required.Except(actual).Select(name => $"{request.Method} {path} {status}: required '{name}' is missing"));
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }

        string name = reference.GetString()!["#/components/schemas/".Length..];
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }
}
