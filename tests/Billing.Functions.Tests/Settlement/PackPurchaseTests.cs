using System.Net;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Settlement;

/// <summary>Selling a prepaid pack invoices it at once, exactly once.</summary>
[Collection(HostCollection.Name)]
public sealed class PackPurchaseTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_sold_pack_is_invoiced_at_once_and_selling_it_again_changes_nothing()
    {
        var customer = TestCatalog.NewCustomerId("pack");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddHours(-1));
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var pack = $$"""
            {"code":"p1","meter":"api_calls","quantity":"100000","price":"120.00","purchasedAt":"{{UsageEvents.Timestamp(now)}}",
             "validFrom":"{{UsageEvents.Timestamp(now)}}","validTo":"{{UsageEvents.Timestamp(now.AddDays(30))}}","allocation":"once"}
            """;

        var first = await PostAsync(customer, pack);
        var again = await PostAsync(customer, pack);
        var changed = await PostAsync(customer, pack.Replace("120.00", "99.00", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        var number = first.Json.GetProperty("invoice").GetString();
        Assert.NotNull(number);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(number, again.Json.GetProperty("invoice").GetString());
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);

        using var read = fixture.Api.Request(HttpMethod.Get, $"api/invoices/{number}");
        read.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var invoice = (await fixture.Api.SendAsync(read)).Json;
        Assert.Equal("prepaid", invoice.GetProperty("kind").GetString());
        Assert.Equal("120.00", invoice.GetProperty("total").GetString());
        Assert.Equal("p1", invoice.GetProperty("lines")[0].GetProperty("code").GetString());
    }

    private async Task<ApiResponse> PostAsync(string customer, string pack)
    {
        using var request = fixture.Api.Request(HttpMethod.Post, $"api/manage/customers/{customer}/packs", pack);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }
}
