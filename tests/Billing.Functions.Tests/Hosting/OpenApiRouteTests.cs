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

    [Fact]
    public async Task Real_list_and_read_answers_match_their_documented_schemas_field_by_field_down_to_list_items()
    {
        var customer = TestCatalog.NewCustomerId("openapi");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddHours(-2));
        var at = UsageEvents.RecentInstant();
        var posted = await fixture.Api.PostUsageAsync(UsageEvents.Calls($"{customer}-e1", customer, at, 3m));
        Assert.Equal(HttpStatusCode.Accepted, posted.Status);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var pack = $$"""
            {"code":"p1","meter":"api_calls","quantity":"1000","price":"12.00","purchasedAt":"{{UsageEvents.Timestamp(now)}}",
             "validFrom":"{{UsageEvents.Timestamp(now)}}","validTo":"{{UsageEvents.Timestamp(now.AddDays(30))}}","allocation":"once"}
            """;
        var sold = await Admin(HttpMethod.Post, $"api/manage/customers/{customer}/packs", pack);
        Assert.Equal(HttpStatusCode.Created, sold.Status);
        var number = sold.Json.GetProperty("invoice").GetString()!;
        var events = await Eventually.UntilAsync(() => fixture.Api.EventsAsync(customer, TestCatalog.Calls, at), r => r.Status == HttpStatusCode.OK && r.Json.GetArrayLength() == 1);
        var outbox = await Eventually.UntilAsync(() => Admin(HttpMethod.Get, $"api/manage/outbox?prefix={Uri.EscapeDataString(customer)}"), r => r.Status == HttpStatusCode.OK && r.Json.GetProperty("items").GetArrayLength() > 0);
        JsonElement document = (await fixture.Api.SendAsync(fixture.Api.Request(HttpMethod.Get, "api/openapi.json"))).Json;

        var answers = new List<(string Path, ApiResponse Answer)>
        {
            ("/api/customers/{id}/events", events),
            ("/api/manage/outbox", outbox),
            ("/api/customers/{id}/invoices", await Admin(HttpMethod.Get, $"api/customers/{customer}/invoices")),
            ("/api/invoices/{number}", await Admin(HttpMethod.Get, $"api/invoices/{number}")),
            ("/api/manage/invoices", await Admin(HttpMethod.Get, "api/manage/invoices?limit=5")),
            ("/api/customers/{id}/status", await Admin(HttpMethod.Get, $"api/customers/{customer}/status")),
            ("/api/customers/{id}/timeline", await Admin(HttpMethod.Get, $"api/customers/{customer}/timeline")),
            ("/api/customers/{id}/alerts", await Admin(HttpMethod.Get, $"api/customers/{customer}/alerts")),
            ("/api/manage/customers", await Admin(HttpMethod.Get, "api/manage/customers?limit=5")),
            ("/api/manage/customers/{id}", await Admin(HttpMethod.Get, $"api/manage/customers/{customer}")),
            ("/api/manage/catalog", await Admin(HttpMethod.Get, "api/manage/catalog")),
            ("/api/manage/imports", await Admin(HttpMethod.Get, "api/manage/imports")),
            ("/api/manage/emails/failed", await Admin(HttpMethod.Get, "api/manage/emails/failed")),
            ("/api/manage/workflows", await Admin(HttpMethod.Get, "api/manage/workflows")),
            ("/api/manage/alerts", await Admin(HttpMethod.Get, "api/manage/alerts?kind=usage_spike")),
            ("/api/manage/customers/{id}/backups", await Admin(HttpMethod.Get, $"api/manage/customers/{customer}/backups")),
            ("/api/manage/customers/{id}/webhooks", await Admin(HttpMethod.Get, $"api/manage/customers/{customer}/webhooks")),
        };

        var differences = new List<string>();
        foreach (var (path, answer) in answers)
        {
            Assert.True(answer.Status == HttpStatusCode.OK, $"{path}: {answer}");
            JsonElement schema = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
                .GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Compare(document, schema, answer.Json, path, differences);
        }

        Assert.Empty(differences);
        Assert.Contains(answers, a => a.Path == "/api/manage/catalog" && a.Answer.Json.GetArrayLength() > 0);
        Assert.Contains(answers, a => a.Path == "/api/manage/customers" && a.Answer.Json.GetProperty("items").GetArrayLength() > 0);
    }

    /// <summary>
    /// Walks the answer along its schema: an object's names must be documented and its required ones present; list
    /// items and nested objects are compared the same way. Values the schema leaves open (no properties) are not walked.
    /// </summary>
    private static void Compare(JsonElement document, JsonElement schema, JsonElement value, string at, List<string> differences)
    {
        schema = Resolve(document, schema);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Compare(document, items, item, $"{at}[{index++}]", differences);
            }

            return;
        }

        if (value.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
        {
            return;
        }

        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToArray() : [];
        foreach (var property in value.EnumerateObject())
        {
            if (properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Compare(document, propertySchema, property.Value, $"{at}.{property.Name}", differences);
            }
            else
            {
                differences.Add($"{at}: '{property.Name}' is not documented");
            }
        }

        differences.AddRange(required.Where(name => !value.TryGetProperty(name, out _)).Select(name => $"{at}: required '{name}' is missing"));
    }

    private async Task<ApiResponse> Admin(HttpMethod method, string path, string? json = null)
    {
        using var request = fixture.Api.Request(method, path, json);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
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
