using System.Net;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Settlement;

/// <summary>The cost calculator prices a whole period of a plan for hypothetical usage, by the billing engine.</summary>
[Collection(HostCollection.Name)]
public sealed class EstimateTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_estimate_prices_usage_and_flat_fees_with_tax()
    {
        // 12,345 calls × 0.01 = 123.45; platform 10.00; subtotal 133.45; tax 6 % = 8.007 -> 8.01; total 141.46.
        var response = await PostAsync("""{"plan":"standard","usage":{"api_calls":"12345"},"taxRate":"0.06"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        Assert.Equal("133.45", json.GetProperty("subtotal").GetString());
        Assert.Equal("8.01", json.GetProperty("tax").GetString());
        Assert.Equal("141.46", json.GetProperty("total").GetString());
        var calls = json.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "calls");
        Assert.Equal("123.45", calls.GetProperty("amount").GetString());
    }

    [Theory]
    [InlineData("""{"usage":{}}""", "plan")]
    [InlineData("""{"plan":"gold"}""", "plan")]
    [InlineData("""{"plan":"standard","usage":{"gpu_hours":"1"}}""", "usage.gpu_hours")]
    [InlineData("""{"plan":"standard","usage":{"api_calls":"-5"}}""", "usage.api_calls")]
    [InlineData("""{"plan":"standard","taxRate":"7"}""", "taxRate")]
    [InlineData("""{"plan":"standard","usage":{"active_devices":"200000"}}""", "usage.active_devices")]
    [InlineData("""{"plan":"\ud800"}""", "plan")]
    [InlineData("""{"plan":"standard","usage":{"\ud800":"1"}}""", "usage")]
    public async Task A_bad_estimate_request_names_the_field(string body, string field)
    {
        var response = await PostAsync(body);

        Assert.True((int)response.Status is 400 or 422, response.ToString());
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.ToString());
    }

    private async Task<ApiResponse> PostAsync(string body)
    {
        using var request = fixture.Api.Request(HttpMethod.Post, "api/estimate", body);
        return await fixture.Api.SendAsync(request);
    }
}
