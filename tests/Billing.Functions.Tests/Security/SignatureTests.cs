using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Security;

/// <summary>
/// Webhook signatures (<c>x-billing-signature: t=..,v1=..</c>) on <c>POST /api/usage</c>: a fresh signature over the
/// exact body is accepted once; a stale, tampered or replayed one is refused with 401 and stores nothing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SignatureTests(HostFixture fixture) : IAsyncLifetime
{
    private readonly string customer = TestCatalog.NewCustomerId("signed");
    private BillingApi api = null!;

    public async Task InitializeAsync()
    {
        await fixture.EnsurePrimaryAsync();
        api = fixture.Api;
        await api.CreateCustomerAsync(customer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_valid_signature_is_accepted_and_its_events_are_metered()
    {
        var response = await api.PostSignedAsync(Calls("sig-1", customer, RecentInstant(), 3), DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        await Eventually.EqualAsync(new UsageTotal(3m, 1), () => api.TotalAsync(customer, TestCatalog.Calls), what: customer);
    }

    // Only past timestamps here: time elapsing on the wall clock moves them further out. The boundary on both
    // sides (300 s accepted, 301 s refused) is tested on a clock that stands still, in SignatureToleranceTests.
    [Theory]
    [InlineData(-301)]
    [InlineData(-3600)]
    public async Task A_signature_more_than_five_minutes_old_is_refused(int offsetSeconds)
    {
        var response = await api.PostSignedAsync(Calls("stale-1", customer, RecentInstant(), 3), DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));

        AssertRefused(response, "signature timestamp is more than 5 minutes from the server's clock");
        await AssertNothingMeteredAsync();
    }

    [Fact]
    public async Task A_tampered_body_is_refused()
    {
        var signed = Calls("tamper-1", customer, RecentInstant(), 3);
        var header = WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(signed));
        using var request = api.Request(HttpMethod.Post, "api/usage", signed.Replace("\"quantity\":3", "\"quantity\":3000", StringComparison.Ordinal));
        request.Headers.Add(WebhookSignature.HeaderName, header);

        var response = await api.SendAsync(request);

        AssertRefused(response, "signature does not match the body");
        await AssertNothingMeteredAsync();
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_refused()
    {
        var response = await api.PostSignedAsync(Calls("other-1", customer, RecentInstant(), 3), DateTimeOffset.UtcNow, "not-the-secret");

        AssertRefused(response, "signature does not match the body");
    }

    [Fact]
    public async Task A_replayed_signature_is_refused_and_the_first_request_counts_once()
    {
        var body = Calls("replay-1", customer, RecentInstant(), 3);
        var header = WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body));

        var first = await SendSignedAsync(body, header);
        var replays = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SendSignedAsync(body, header)));

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.All(replays, r => AssertRefused(r, "signature already used (replayed request)"));
        await Eventually.EqualAsync(new UsageTotal(3m, 1), () => api.TotalAsync(customer, TestCatalog.Calls), what: customer);
    }

    [Fact]
    public async Task Concurrent_replays_of_a_fresh_signature_are_accepted_exactly_once()
    {
        var body = Calls("race-1", customer, RecentInstant(), 3);
        var header = WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body));

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendSignedAsync(body, header)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Accepted);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Accepted), r => AssertRefused(r, "signature already used (replayed request)"));
    }

    private async Task<ApiResponse> SendSignedAsync(string body, string header)
    {
        using var request = api.Request(HttpMethod.Post, "api/usage", body);
        request.Headers.Add(WebhookSignature.HeaderName, header);
        return await api.SendAsync(request);
    }

    private static void AssertRefused(ApiResponse response, string reason)
    {
        Assert.True(response.Status == HttpStatusCode.Unauthorized, response.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(reason, response.Json.GetProperty("detail").GetString());
    }

    /// <summary>A refused request queued nothing: a later valid event is the only thing metered.</summary>
    private async Task AssertNothingMeteredAsync()
    {
        using var request = api.Request(HttpMethod.Post, "api/usage", Calls("marker", customer, RecentInstant(), 1));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostFixture.IngestKey);
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(request)).Status);
        await Eventually.EqualAsync(new UsageTotal(1m, 1), () => api.TotalAsync(customer, TestCatalog.Calls), what: customer);
    }
}
