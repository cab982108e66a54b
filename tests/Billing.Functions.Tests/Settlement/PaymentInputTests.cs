using System.Net;
using System.Text.Json;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// A payment is refused at the door, with a 400 naming the field and nothing stored, when its amount is not a positive
/// amount of the catalog's currency (USD in the test catalog) or it names another currency, when its time is not an ISO
/// 8601 timestamp with an offset inside the billing horizon, when a field is not one of a payment's, is named twice or
/// holds text that is not valid Unicode; and with a 401, nothing stored, without the admin key.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class PaymentInputTests(HostFixture fixture) : IAsyncLifetime
{
    private readonly string customer = TestCatalog.NewCustomerId("payer");

    public async Task InitializeAsync()
    {
        await fixture.EnsurePrimaryAsync();
        await fixture.Api.CreateCustomerAsync(customer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("\"amount\":\"1.005\"", "amount")]
    [InlineData("\"amount\":1.005", "amount")]
    [InlineData("\"amount\":\"-5.00\"", "amount")]
    [InlineData("\"amount\":\"0\"", "amount")]
    [InlineData("\"amount\":\"0.00\"", "amount")]
    [InlineData("\"amount\":\"5.00\",\"currency\":\"EUR\"", "currency")]
    [InlineData("\"amount\":\"5.00\",\"currency\":\"usd\"", "currency")]
    [InlineData("\"amount\":\"5.00\",\"currency\":5", "currency")]
    [InlineData("\"amount\":\"5.00\",\"at\":\"0001-01-01T00:00:00Z\"", "at")]
    [InlineData("\"amount\":\"5.00\",\"at\":\"2026-02-01T00:00:00\"", "at")]
    [InlineData("\"amount\":\"5.00\",\"at\":\"Jan 5 2026\"", "at")]
    [InlineData("\"amount\":\"5.00\",\"at\":\"2026-02-30T00:00:00Z\"", "at")]
    [InlineData("\"amount\":\"5.00\",\"at\":5", "at")]
    [InlineData("\"amount\":\"5.00\",\"period\":202601", "period")]
    [InlineData("\"amount\":\"5.00\",\"peroid\":\"2026-01\"", "peroid")]
    [InlineData("\"amount\":\"5.00\",\"amount\":\"500.00\"", "amount")]
    [InlineData("\"amount\":\"5.00\",\"note\":\"\\ud800\"", "note")]
    public async Task A_payment_with_a_bad_amount_or_currency_is_refused_naming_the_field_and_nothing_is_stored(string fields, string field)
    {
        var id = "pay-" + Guid.NewGuid().ToString("N")[..8];

        var refused = await PostAsync($$"""{"id":"{{id}}","customer":"{{customer}}",{{fields}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty(field, out _), refused.ToString());

        // Nothing was stored: the same id with a valid amount is a new payment (201, not 409 for other content).
        var accepted = await PostAsync($$"""{"id":"{{id}}","customer":"{{customer}}","amount":"5.00"}""");
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
    }

    [Theory]
    [InlineData("\"amount\":\"5.000\"")]
    [InlineData("\"amount\":\"5.00\",\"currency\":\"USD\"")]
    [InlineData("\"amount\":5")]
    public async Task A_payment_in_the_catalogs_currency_within_its_minor_unit_is_recorded(string fields)
    {
        var id = "pay-" + Guid.NewGuid().ToString("N")[..8];

        var response = await PostAsync($$"""{"id":"{{id}}","customer":"{{customer}}",{{fields}}}""");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.True(response.Json.GetProperty("recorded").GetBoolean());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-admin-key")]
    public async Task A_payment_without_the_admin_key_is_refused_with_401_and_nothing_is_stored(string? key)
    {
        var id = "pay-" + Guid.NewGuid().ToString("N")[..8];
        using var request = fixture.Api.Request(HttpMethod.Post, "api/payments", $$"""{"id":"{{id}}","customer":"{{customer}}","amount":"7.00"}""");
        if (key is not null)
        {
            request.Headers.Add(AdminKeyFilter.HeaderName, key);
        }

        var refused = await fixture.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);

        // Nothing was stored: the same id with other content and the key is a new payment (201, not 409).
        var accepted = await PostAsync($$"""{"id":"{{id}}","customer":"{{customer}}","amount":"5.00"}""");
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
    }

    private async Task<ApiResponse> PostAsync(string json)
    {
        using var request = fixture.Api.Request(HttpMethod.Post, "api/payments", json);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }
}
