using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Billing.Application.Security;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>What the host answered: the status, the body as text and, when it is JSON, parsed.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? ContentType, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    public override string ToString() => $"{(int)Status} {ContentType}: {Text}";
}

/// <summary>Totals of one meter as <c>GET /api/customers/{id}/usage</c> reports them, summed over its buckets.</summary>
public sealed record UsageTotal(decimal Value, long Events)
{
    public static UsageTotal None { get; } = new(0m, 0);
}

/// <summary>The host's HTTP API as the tests call it: admin, ingestion (key or signature) and usage reads.</summary>
public sealed class BillingApi(Uri baseAddress, HttpClient? client = null)
{
    private static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(180),
    };

    private readonly HttpClient http = client ?? Shared;

    public Uri BaseAddress => baseAddress;

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    public async Task PublishCatalogAsync(string json)
    {
        using var request = Request(HttpMethod.Put, "api/manage/catalog", json);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var response = await SendAsync(request);
        Assert.True(response.Status is HttpStatusCode.Created or HttpStatusCode.OK, response.ToString());
    }

    /// <summary>Creates a customer on the test plan and returns its portal key.</summary>
    public async Task<string> CreateCustomerAsync(string id, DateTimeOffset? startsAt = null)
    {
        var starts = UsageEvents.Timestamp(startsAt ?? DateTimeOffset.UtcNow.Date.AddDays(-60));
        var json = $$"""{"name":"{{id}}","email":"{{id}}@billing.test","plan":"{{TestCatalog.Plan}}","startsAt":"{{starts}}"}""";
        using var request = Request(HttpMethod.Put, $"api/manage/customers/{Uri.EscapeDataString(id)}", json);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var response = await SendAsync(request);
        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        return response.Json.GetProperty("portalKey").GetString()!;
    }

    /// <summary>POST /api/usage with the ingest key.</summary>
    public async Task<ApiResponse> PostUsageAsync(string body)
    {
        using var request = Request(HttpMethod.Post, "api/usage", body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostFixture.IngestKey);
        return await SendAsync(request);
    }

    /// <summary>POST /api/usage signed as a webhook sender signs it, at <paramref name="signedAt"/>.</summary>
    public async Task<ApiResponse> PostSignedAsync(string body, DateTimeOffset signedAt, string secret = HostFixture.SigningSecret)
    {
        using var request = Request(HttpMethod.Post, "api/usage", body);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, signedAt, Encoding.UTF8.GetBytes(body)));
        return await SendAsync(request);
    }

    /// <summary>GET /api/customers/{id}/usage over the last 40 days by month, with the admin key or a portal key.</summary>
    public async Task<ApiResponse> UsageAsync(string customer, string meter, string? portalKey = null, string granularity = "month")
    {
        var now = DateTimeOffset.UtcNow;
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"api/customers/{Uri.EscapeDataString(customer)}/usage?meter={meter}&from={Uri.EscapeDataString(UsageEvents.Timestamp(now.AddDays(-40)))}&to={Uri.EscapeDataString(UsageEvents.Timestamp(now.AddHours(1)))}&granularity={granularity}");
        using var request = Request(HttpMethod.Get, query);
        Authorize(request, portalKey);
        return await SendAsync(request);
    }

    /// <summary>GET /api/customers/{id}/events for one hour window.</summary>
    public async Task<ApiResponse> EventsAsync(string customer, string meter, DateTimeOffset from, string? portalKey = null)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"api/customers/{Uri.EscapeDataString(customer)}/events?meter={meter}&from={Uri.EscapeDataString(UsageEvents.Timestamp(from))}&to={Uri.EscapeDataString(UsageEvents.Timestamp(from.AddHours(1)))}");
        using var request = Request(HttpMethod.Get, query);
        Authorize(request, portalKey);
        return await SendAsync(request);
    }

    /// <summary>GET /api/customers/{id}/events/rejected, with the admin key or a portal key.</summary>
    public async Task<ApiResponse> RejectedEventsAsync(string customer, string? portalKey = null)
    {
        using var request = Request(HttpMethod.Get, $"api/customers/{Uri.EscapeDataString(customer)}/events/rejected");
        Authorize(request, portalKey);
        return await SendAsync(request);
    }

    /// <summary>The meter's usage summed over the buckets (the largest bucket for max meters), read as an operator.</summary>
    public async Task<UsageTotal> TotalAsync(string customer, string meter)
    {
        var response = await UsageAsync(customer, meter);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var series = response.Json;
        var points = series.GetProperty("points").EnumerateArray()
            .Select(p => (Value: decimal.Parse(p.GetProperty("value").GetString()!, CultureInfo.InvariantCulture), Events: p.GetProperty("events").GetInt64()))
            .ToList();
        if (points.Count == 0)
        {
            return UsageTotal.None;
        }

        var value = series.GetProperty("aggregation").GetString() == "max" ? points.Max(p => p.Value) : points.Sum(p => p.Value);
        return new UsageTotal(value, points.Sum(p => p.Events));
    }

    private static void Authorize(HttpRequestMessage request, string? portalKey)
    {
        if (portalKey is null)
        {
            request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", portalKey);
        }
    }
}
