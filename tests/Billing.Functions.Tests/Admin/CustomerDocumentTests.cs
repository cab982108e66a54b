using System.Net;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Admin;

/// <summary>
/// A customer document that email, rendering or storage would refuse later is refused at the door: a 400 naming the
/// field, and nothing stored (the same id can still be created afterwards).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CustomerDocumentTests(HostFixture fixture) : IAsyncLifetime
{
    private const string Valid = "\"name\":\"Acme Ltd\",\"email\":\"billing@acme.test\",\"plan\":\"standard\",\"startsAt\":\"2026-01-01T00:00:00Z\"";

    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BadDocuments => new()
    {
        { """{"name":"Acme","email":"not-an-email","plan":"standard"}""", "email" },
        { """{"name":"Acme","email":"billing@acme.test\r\nBcc: everyone@victim.test","plan":"standard"}""", "email" },
        { """{"name":"Acme","email":"billing@acme.test, other@victim.test","plan":"standard"}""", "email" },
        { """{"name":"Acme","email":"用户@acme.test","plan":"standard"}""", "email" },
        { """{"name":"Acme","email":"billing@-acme.test","plan":"standard"}""", "email" },
        { $$"""{"name":"{{new string('x', 20_000)}}","email":"billing@acme.test","plan":"standard"}""", "name" },
        { $$"""{"name":"{{new string('x', 201)}}","plan":"standard"}""", "name" },
        { """{"name":"Acme\u0007Ltd","plan":"standard"}""", "name" },
        { """{"name":"Acme\u0085Ltd","plan":"standard"}""", "name" },
        { """{"name":"Acme\nLtd","plan":"standard"}""", "name" },
        { """{"name":"   ","plan":"standard"}""", "name" },
        { """{"name":"Acme","plan":"standard","locale":"xx-YY"}""", "locale" },
        { """{"name":"Acme","plan":"standard","accountManagerEmail":"am@"}""", "accountManagerEmail" },
        { """{"name":"Acme","plan":"standard","coupons":[{"code":"WELCOME 10","percentOff":"10"}]}""", "coupons[0].code" },
        { """{"name":"Acme","plan":"standard","riskLevel":"low\u0000"}""", "riskLevel" },
        { """{"name":"Acme","plan":"standard","notes":"a\tb"}""", "notes" },
        { """{"name":"Acme","plan":"standard","creditLimit":"100.001"}""", "creditLimit" },
        { """{"name":"Acme","plan":"standard","coupons":[{"code":"W","amountOff":"5.005"}]}""", "coupons[0].amountOff" },
        { """{"name":"Acme\ud800Ltd","plan":"standard"}""", "name" },
        { """{"id":"someone-else","name":"Acme","plan":"standard"}""", "id" },
        { """{"id":5,"name":"Acme","plan":"standard"}""", "id" },
        { """{"name":"Acme","plan":"standard","creditLimit":"1000000000000.01"}""", "creditLimit" },
        { """{"name":"Acme","plan":"standard","coupons":[{"code":"W","amountOff":"79228162514264337593543950335"}]}""", "coupons[0].amountOff" },
        { """{"name":"Acme","plan":"standard","packs":[{"code":"pk","meter":"api_calls","quantity":"79228162514264337593543950335","price":"1.00","purchasedAt":"2026-02-01T00:00:00Z","validFrom":"2026-02-01T00:00:00Z","validTo":"2026-12-31T00:00:00Z","allocation":"monthly"}]}""", "packs[0].quantity" },
        { """{"name":"Acme","plan":"standard","packs":[{"code":"pk","meter":"api_calls","quantity":"10","price":"79228162514264337593543950335","purchasedAt":"2026-02-01T00:00:00Z","validFrom":"2026-02-01T00:00:00Z","validTo":"2026-12-31T00:00:00Z","allocation":"monthly"}]}""", "packs[0].price" },
        { """{"name":"Acme","plan":"standard","notes":["ok","\udc00"]}""", "notes[1]" },
        { """{"name":"Acme","plan":"standard","plan":"standard"}""", "plan" },
        { """{"name":"Acme","plan":"standard","startsAt":"9999-12-31T00:00:00Z"}""", "startsAt" },
        { """{"name":"Acme","plan":"standard","packs":[{"code":"pk","meter":"api_calls","quantity":"10","price":"1.00","purchasedAt":"2026-02-01T00:00:00Z","validFrom":"2026-02-01T00:00:00Z","validTo":"9999-12-31T23:59:59Z","allocation":"monthly"}]}""", "packs[0].validTo" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_customer_document_with_a_bad_field_is_refused_naming_it_and_nothing_is_stored(string document, string field)
    {
        var id = TestCatalog.NewCustomerId("doc");

        var refused = await PutAsync(id, document);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty(field, out _), refused.ToString());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(id, "{" + Valid + "}")).Status);
    }

    [Theory]
    [InlineData("acme corp")]
    [InlineData("acme%0Acorp")]
    [InlineData("-acme")]
    [InlineData("acme%23corp")]
    [InlineData("%E5%AE%A2%E6%88%B7")]
    [InlineData("a0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task A_customer_id_outside_the_id_alphabet_or_longer_than_64_is_refused(string id)
    {
        var refused = await PutAsync(id, "{" + Valid + "}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty("id", out _), refused.ToString());
    }

    [Theory]
    [InlineData("billing@例え.jp")]
    [InlineData("first.last+billing@bücher.example")]
    [InlineData("BILLING@ACME.TEST")]
    public async Task An_address_with_an_internationalised_domain_or_tags_is_accepted(string email)
    {
        var response = await PutAsync(TestCatalog.NewCustomerId("idn"), $$"""{"name":"Acme","email":"{{email}}","plan":"standard","locale":"zh-CN"}""");

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    private async Task<ApiResponse> PutAsync(string id, string json)
    {
        using var request = fixture.Api.Request(HttpMethod.Put, "api/manage/customers/" + (id.Contains('%', StringComparison.Ordinal) ? id : Uri.EscapeDataString(id)), json);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }
}
