using System.Net;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Settlement;

/// <summary>Selling a prepaid pack invoices it at once, exactly once; concurrent sales are all kept, and an update keeps what was sold.</summary>
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

    [Fact]
    public async Task Packs_sold_to_one_customer_at_once_are_all_kept_and_each_is_invoiced_once()
    {
        var customer = TestCatalog.NewCustomerId("packrace");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddHours(-1));
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var codes = Enumerable.Range(1, 6).Select(i => $"c{i}").ToList();

        // Six different packs, and the first one twice more, all at once.
        var sales = await Task.WhenAll(codes.Concat([codes[0], codes[0]]).Select(code => PostAsync(customer, Pack(code, now))));

        Assert.All(sales, s => Assert.True(s.Status is HttpStatusCode.Created or HttpStatusCode.OK, s.ToString()));
        Assert.Equal(6, sales.Count(s => s.Status == HttpStatusCode.Created));
        var numbers = sales.Select(s => s.Json.GetProperty("invoice").GetString()).ToList();
        Assert.All(numbers, Assert.NotNull);
        Assert.Equal(6, numbers.Distinct().Count());
        var document = (await AdminAsync(HttpMethod.Get, $"api/manage/customers/{customer}")).Json.GetProperty("document");
        Assert.Equal(codes, document.GetProperty("packs").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).Order(StringComparer.Ordinal));
        var invoices = (await AdminAsync(HttpMethod.Get, "api/manage/invoices?limit=1000")).Json.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("customer").GetString() == customer).ToList();
        Assert.Equal(6, invoices.Count);
    }

    [Fact]
    public async Task An_update_may_not_drop_or_change_a_sold_pack_and_one_that_keeps_it_stands()
    {
        var customer = TestCatalog.NewCustomerId("packput");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddHours(-1));
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var pack = Pack("p1", now);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(customer, pack)).Status);
        var starts = UsageEvents.Timestamp(DateTimeOffset.UtcNow.AddHours(-1));
        string Document(string packs) =>
            $$"""{"name":"Renamed","email":"{{customer}}@billing.test","plan":"{{TestCatalog.Plan}}","startsAt":"{{starts}}"{{packs}}}""";

        var dropped = await AdminAsync(HttpMethod.Put, $"api/manage/customers/{customer}", Document(string.Empty));
        var changed = await AdminAsync(HttpMethod.Put, $"api/manage/customers/{customer}", Document($",\"packs\":[{pack.Replace("\"100\"", "\"900\"", StringComparison.Ordinal)}]"));
        var kept = await AdminAsync(HttpMethod.Put, $"api/manage/customers/{customer}", Document($",\"packs\":[{pack}]"));

        Assert.Equal(HttpStatusCode.Conflict, dropped.Status);
        Assert.True(dropped.Json.GetProperty("errors").TryGetProperty("packs", out _), dropped.ToString());
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        var document = (await AdminAsync(HttpMethod.Get, $"api/manage/customers/{customer}")).Json.GetProperty("document");
        Assert.Equal("Renamed", document.GetProperty("name").GetString());
        Assert.Equal("100", document.GetProperty("packs")[0].GetProperty("quantity").GetString());
    }

    private static string Pack(string code, DateTimeOffset at) =>
        $$"""{"code":"{{code}}","meter":"api_calls","quantity":"100","price":"1.00","purchasedAt":"{{UsageEvents.Timestamp(at)}}","validFrom":"{{UsageEvents.Timestamp(at)}}","validTo":"{{UsageEvents.Timestamp(at.AddDays(30))}}","allocation":"once"}""";

    private async Task<ApiResponse> AdminAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = fixture.Api.Request(method, path, body);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }

    private async Task<ApiResponse> PostAsync(string customer, string pack)
    {
        using var request = fixture.Api.Request(HttpMethod.Post, $"api/manage/customers/{customer}/packs", pack);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }
}
