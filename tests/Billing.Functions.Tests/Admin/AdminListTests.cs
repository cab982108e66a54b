using System.Net;
using System.Text.Json;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Admin;

/// <summary>
/// Operators' lists: customers (paged, and one by id) and invoices (paged, by status and issue time), continuation
/// tokens followed to the end; an unknown invoice number is reported as such; the status ETag has one form.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AdminListTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customers_are_listed_page_by_page_to_the_last_token_and_each_is_read_by_id()
    {
        var ids = new[] { TestCatalog.NewCustomerId("list"), TestCatalog.NewCustomerId("list"), TestCatalog.NewCustomerId("list") };
        foreach (var id in ids)
        {
            await fixture.Api.CreateCustomerAsync(id);
        }

        var (items, pages) = await AllPagesAsync("api/manage/customers?limit=2");

        Assert.All(pages, count => Assert.InRange(count, 0, 2));
        Assert.True(pages.Count >= 2, "three customers or more take two pages of two");
        var listed = items.Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.Contains(id, listed));
        Assert.Equal(listed.Count, listed.Distinct().Count());

        var one = await AdminGetAsync($"api/manage/customers/{ids[1]}");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal(ids[1], one.Json.GetProperty("id").GetString());
        Assert.Equal(TestCatalog.Plan, one.Json.GetProperty("document").GetProperty("plan").GetString());
        Assert.False(one.Json.TryGetProperty("portalKey", out _));

        var unknown = await AdminGetAsync("api/manage/customers/nobody-by-this-id");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("unknown customer 'nobody-by-this-id'", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Api.SendAsync(fixture.Api.Request(HttpMethod.Get, "api/manage/customers"))).Status);
    }

    [Fact]
    public async Task Invoices_are_listed_by_status_and_issue_time_page_by_page()
    {
        var customer = TestCatalog.NewCustomerId("invlist");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddHours(-1));
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var numbers = new[] { await SellPackAsync(customer, "p1"), await SellPackAsync(customer, "p2") };
        var after = DateTimeOffset.UtcNow.AddMinutes(5);
        var window = $"from={Uri.EscapeDataString(UsageEvents.Timestamp(before))}&to={Uri.EscapeDataString(UsageEvents.Timestamp(after))}";

        var (open, pages) = await AllPagesAsync($"api/manage/invoices?status=open&{window}&limit=1");
        var (paid, _) = await AllPagesAsync($"api/manage/invoices?status=paid&{window}");
        var (later, _) = await AllPagesAsync($"api/manage/invoices?from={Uri.EscapeDataString(UsageEvents.Timestamp(after))}");

        Assert.All(pages, count => Assert.InRange(count, 0, 1));
        Assert.Equal(numbers.Order(), Numbers(open, customer).Order());
        Assert.All(open, i => Assert.Equal("open", i.GetProperty("status").GetString()));
        Assert.Empty(Numbers(paid, customer));
        Assert.Empty(Numbers(later, customer));
    }

    [Theory]
    [InlineData("invoices", "status=due", "status")]
    [InlineData("invoices", "limit=0", "limit")]
    [InlineData("invoices", "limit=1001", "limit")]
    [InlineData("invoices", "from=2026-01-01", "from")]
    [InlineData("invoices", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("workflows", "type=Bogus", "type")]
    [InlineData("workflows", "type=dunning", "type")]
    [InlineData("workflows", "status=asleep", "status")]
    [InlineData("workflows", "createdFrom=yesterday", "createdFrom")]
    [InlineData("workflows", "createdFrom=2026-01-01T00:00:00", "createdFrom")]
    [InlineData("workflows", "createdFrom=9999-12-31T00:00:00Z", "createdFrom")]
    [InlineData("workflows", "createdFrom=2027-01-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdTo")]
    [InlineData("invoices", "to=2026-01-01T00:00:00", "to")]
    [InlineData("emails/failed", "limit=0", "limit")]
    [InlineData("emails/failed", "continuationToken=garbage", "continuationToken")]
    [InlineData("imports", "limit=1001", "limit")]
    [InlineData("imports", "continuationToken=Y3VzdG9tZXJzOng", "continuationToken")]
    [InlineData("workflows", "limit=-1", "limit")]
    [InlineData("workflows", "continuationToken=not-ours", "continuationToken")]
    [InlineData("invoices", "continuationToken=garbage", "continuationToken")]
    [InlineData("invoices", "continuationToken=Y3VzdG9tZXJzOng", "continuationToken")] // the customers list's
    [InlineData("customers", "continuationToken=garbage", "continuationToken")]
    [InlineData("customers", "continuationToken=ZDo", "continuationToken")] // the workflows list's
    public async Task A_malformed_list_query_is_a_400_naming_the_parameter(string list, string query, string field)
    {
        var response = await AdminGetAsync($"api/manage/{list}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.ToString());
    }

    [Theory]
    [InlineData("api/manage/outbox/%2F", HttpStatusCode.NotFound)]
    [InlineData("api/manage/outbox/a%2F%2Fb", HttpStatusCode.NotFound)]
    [InlineData("api/manage/backups/%2F", HttpStatusCode.NotFound)]
    [InlineData("api/manage/outbox?prefix=%01", HttpStatusCode.BadRequest)]
    [InlineData("api/manage/outbox?prefix=%EF%BF%BE", HttpStatusCode.BadRequest)]
    public async Task A_blob_name_or_prefix_no_blob_can_have_is_a_404_or_a_400_not_a_500(string path, HttpStatusCode expected)
    {
        var response = await AdminGetAsync(path);

        Assert.Equal(expected, response.Status);
    }

    [Theory]
    [InlineData("outbox")]
    [InlineData("backups")]
    public async Task A_blob_name_longer_than_any_blob_can_have_is_a_404(string route)
    {
        var response = await AdminGetAsync($"api/manage/{route}/{new string('a', 1100)}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task An_unknown_invoice_number_is_a_404_that_says_no_invoice_has_that_number()
    {
        var customer = TestCatalog.NewCustomerId("noinv");
        var portalKey = await fixture.Api.CreateCustomerAsync(customer);

        var byAdmin = await AdminGetAsync("api/invoices/INV-1999-000404");
        using var portalRequest = fixture.Api.Request(HttpMethod.Get, "api/invoices/INV-1999-000404/pdf");
        portalRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", portalKey);
        var byPortal = await fixture.Api.SendAsync(portalRequest);

        Assert.Equal(HttpStatusCode.NotFound, byAdmin.Status);
        Assert.Contains("no invoice numbered 'INV-1999-000404'", byAdmin.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, byPortal.Status);
        Assert.Contains("no invoice numbered 'INV-1999-000404'", byPortal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown customer", byAdmin.Text + byPortal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_does_not_open_an_invoice_cannot_tell_whether_its_number_exists()
    {
        var owner = TestCatalog.NewCustomerId("owner");
        var other = TestCatalog.NewCustomerId("other");
        await fixture.Api.CreateCustomerAsync(owner, DateTimeOffset.UtcNow.AddHours(-1));
        var otherKey = await fixture.Api.CreateCustomerAsync(other);
        var number = await SellPackAsync(owner, "p1");

        foreach (var path in new[] { $"api/invoices/{number}", $"api/invoices/{number}/pdf", $"api/invoices/{number}/receipt.pdf" })
        {
            var unknownPath = path.Replace(number, "INV-1999-000404", StringComparison.Ordinal);
            foreach (var bearer in new[] { otherKey, "not-a-key-at-all" })
            {
                var existing = await PortalGetAsync(path, bearer);
                var unknown = await PortalGetAsync(unknownPath, bearer);
                Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (existing.Status, unknown.Status));
                Assert.Equal(
                    unknown.Json.GetProperty("detail").GetString()!.Replace("INV-1999-000404", number, StringComparison.Ordinal),
                    existing.Json.GetProperty("detail").GetString());
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await PortalGetAsync(path, null)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await PortalGetAsync(unknownPath, null)).Status);
        }
    }

    private async Task<ApiResponse> PortalGetAsync(string path, string? bearer)
    {
        using var request = fixture.Api.Request(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return await fixture.Api.SendAsync(request);
    }

    [Fact]
    public async Task The_status_ETag_is_strong_stable_and_If_None_Match_matches_it_strong_weak_or_in_a_list()
    {
        var customer = TestCatalog.NewCustomerId("etag");
        await fixture.Api.CreateCustomerAsync(customer);

        var first = await StatusAsync(customer, null);
        var etag = first.Headers.ETag!.ToString();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.ETag.IsWeak);
        Assert.Equal(etag, (await StatusAsync(customer, null)).Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await StatusAsync(customer, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await StatusAsync(customer, "W/" + etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await StatusAsync(customer, "\"other\", " + etag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(customer, "\"other\"")).StatusCode);
    }

    private static IEnumerable<string?> Numbers(IEnumerable<JsonElement> invoices, string customer) =>
        invoices.Where(i => i.GetProperty("customer").GetString() == customer).Select(i => i.GetProperty("number").GetString());

    /// <summary>Follows continuationToken from <paramref name="path"/> to the last page: every item, and each page's size.</summary>
    private async Task<(List<JsonElement> Items, List<int> Pages)> AllPagesAsync(string path)
    {
        var items = new List<JsonElement>();
        var pages = new List<int>();
        string? token = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await AdminGetAsync(token is null ? path : $"{path}{separator}continuationToken={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var pageItems = page.Json.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(pageItems);
            pages.Add(pageItems.Count);
            token = page.Json.GetProperty("continuationToken").GetString();
            Assert.True(pages.Count < 1000, "the continuation tokens never ended");
        }
        while (token is not null);

        return (items, pages);
    }

    private async Task<string> SellPackAsync(string customer, string code)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var pack = $$"""
            {"code":"{{code}}","meter":"api_calls","quantity":"1000","price":"12.00","purchasedAt":"{{UsageEvents.Timestamp(now)}}",
             "validFrom":"{{UsageEvents.Timestamp(now)}}","validTo":"{{UsageEvents.Timestamp(now.AddDays(30))}}","allocation":"once"}
            """;
        using var request = fixture.Api.Request(HttpMethod.Post, $"api/manage/customers/{customer}/packs", pack);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var sold = await fixture.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, sold.Status);
        return sold.Json.GetProperty("invoice").GetString()!;
    }

    private async Task<ApiResponse> AdminGetAsync(string path)
    {
        using var request = fixture.Api.Request(HttpMethod.Get, path);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }

    private async Task<HttpResponseMessage> StatusAsync(string customer, string? ifNoneMatch)
    {
        using var http = new HttpClient { BaseAddress = fixture.Primary.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/customers/{customer}/status");
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await http.SendAsync(request);
    }
}
