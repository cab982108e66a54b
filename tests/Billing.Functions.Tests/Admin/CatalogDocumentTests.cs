using System.Net;
using System.Text.Json.Nodes;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Admin;

/// <summary>
/// A catalog that pricing, storage or ingestion would fail on later is refused at the door: <c>PUT /api/manage/catalog</c>
/// answers 400 problem details naming the field (a price beyond 10^12, a rate above 100 percent, a code outside the id
/// alphabet, a meter property no event may carry, a bidi override in a name), and the catalog in force is unchanged.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CatalogDocumentTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BadFields => new()
    {
        { "plans[0].charges[0].unitPrice", "79228162514264337593543950335" },
        { "plans[0].charges[0].unitPrice", "0.00000000000000000000000000001" },
        { "plans[0].charges[0].unitPrice", "-0" },
        { "plans[0].charges[1].amount", "1000000000000000000.00" },
        { "meters[0].code", "m/x#?" },
        { "meters[0].property", "RowKey" },
        { "plans[0].code", "a/b#?" },
        { "plans[0].charges[0].code", "a/b@c" },
        { "meters[0].name", "calls\u202Egnp" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_catalog_with_a_field_beyond_its_rule_is_refused_naming_it_and_the_catalog_in_force_is_unchanged(string field, string value)
    {
        var before = await SendAsync(HttpMethod.Get, "api/manage/catalog");
        var catalog = Catalog(field, value);

        var refused = await SendAsync(HttpMethod.Put, "api/manage/catalog", catalog.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty(field, out _), refused.ToString());
        var after = await SendAsync(HttpMethod.Get, "api/manage/catalog");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(before.Text, after.Text);
    }

    [Fact]
    public async Task A_rate_in_a_catalog_is_percent_and_at_most_100()
    {
        var catalog = JsonNode.Parse(TestCatalog.Json)!.AsObject();
        catalog["plans"]![0]!["charges"]!.AsArray().Add(JsonNode.Parse("""{"code":"fees","meter":"api_calls","model":"percentage","rate":"1e28"}"""));

        var refused = await SendAsync(HttpMethod.Put, "api/manage/catalog", catalog.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty("plans[0].charges[2].rate", out _), refused.ToString());
    }

    /// <summary>The test catalog with one field changed, at a path such as <c>plans[0].charges[1].amount</c>.</summary>
    private static JsonObject Catalog(string field, string value)
    {
        var catalog = JsonNode.Parse(TestCatalog.Json)!.AsObject();
        JsonNode node = catalog;
        var steps = field.Split('.');
        foreach (var step in steps[..^1])
        {
            var open = step.IndexOf('[', StringComparison.Ordinal);
            node = open < 0 ? node[step]! : node[step[..open]]![int.Parse(step[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        node[steps[^1]] = value;
        return catalog;
    }

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = fixture.Api.Request(method, path, json);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }
}
