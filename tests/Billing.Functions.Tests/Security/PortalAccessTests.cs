using System.Net;
using Billing.Functions.Tests.Fixtures;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Security;

/// <summary>
/// A customer's portal key opens that customer's usage and events and nothing else; operators read every
/// customer with the admin key.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class PortalAccessTests(HostFixture fixture) : IAsyncLifetime
{
    private readonly string own = TestCatalog.NewCustomerId("portal-own");
    private readonly string other = TestCatalog.NewCustomerId("portal-other");
    private readonly DateTimeOffset at = RecentInstant();
    private BillingApi api = null!;
    private string ownKey = null!;
    private string otherKey = null!;

    public async Task InitializeAsync()
    {
        await fixture.EnsurePrimaryAsync();
        api = fixture.Api;
        ownKey = await api.CreateCustomerAsync(own);
        otherKey = await api.CreateCustomerAsync(other);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostUsageAsync(Batch([Calls("p-1", own, at, 2), Calls("p-2", other, at, 9)]))).Status);
        await Eventually.EqualAsync(new UsageTotal(9m, 1), () => api.TotalAsync(other, TestCatalog.Calls), what: other);
        await Eventually.EqualAsync(new UsageTotal(2m, 1), () => api.TotalAsync(own, TestCatalog.Calls), what: own);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_portal_key_reads_its_own_customers_usage()
    {
        var response = await api.UsageAsync(own, TestCatalog.Calls, ownKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var point = Assert.Single(response.Json.GetProperty("points").EnumerateArray());
        Assert.Equal("2", point.GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_portal_key_reads_its_own_customers_events()
    {
        var response = await api.EventsAsync(own, TestCatalog.Calls, at.AddMinutes(-30), ownKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var stored = Assert.Single(response.Json.EnumerateArray());
        Assert.Equal("p-1", stored.GetProperty("id").GetString());
        Assert.Equal(own, stored.GetProperty("customer").GetString());
    }

    [Fact]
    public async Task A_portal_key_is_forbidden_another_customers_usage_and_events()
    {
        var usage = await api.UsageAsync(other, TestCatalog.Calls, ownKey);
        var events = await api.EventsAsync(other, TestCatalog.Calls, at.AddMinutes(-30), ownKey);

        foreach (var response in new[] { usage, events })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.Status);
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.DoesNotContain("\"9\"", response.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_portal_key_for_an_unknown_customer_is_forbidden_without_revealing_whether_it_exists()
    {
        var unknown = await api.UsageAsync("no-such-customer", TestCatalog.Calls, ownKey);
        var known = await api.UsageAsync(other, TestCatalog.Calls, ownKey);

        Assert.Equal(HttpStatusCode.Forbidden, unknown.Status);
        Assert.Equal(known.Json.GetProperty("detail").GetString(), unknown.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reading_usage_without_a_key_or_with_a_wrong_key_is_refused()
    {
        using var anonymous = api.Request(HttpMethod.Get, $"api/customers/{own}/usage?meter={TestCatalog.Calls}&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z");
        var noKey = await api.SendAsync(anonymous);
        var wrongKey = await api.UsageAsync(own, TestCatalog.Calls, otherKey + "x");
        var ingestKey = await api.UsageAsync(own, TestCatalog.Calls, HostFixture.IngestKey);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrongKey.Status);
        Assert.Equal(HttpStatusCode.Forbidden, ingestKey.Status);
    }

    [Fact]
    public async Task The_admin_key_reads_every_customer()
    {
        Assert.Equal(new UsageTotal(2m, 1), await api.TotalAsync(own, TestCatalog.Calls));
        Assert.Equal(new UsageTotal(9m, 1), await api.TotalAsync(other, TestCatalog.Calls));
    }
}
