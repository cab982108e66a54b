using Billing.Application.Http;

namespace Billing.Functions.Tests.Admin;

/// <summary>The admin lists' continuation tokens: a list reads back what it gave, and nothing another list or a caller made up.</summary>
public sealed class PageTokenTests
{
    [Theory]
    [InlineData("invoices", "acme 2026-01~usage")]
    [InlineData("customers", "customers 客户/β+?&=")]
    [InlineData("invoices", "")]
    public void A_position_reads_back_from_its_token_which_needs_no_escaping_in_a_query_string(string list, string position)
    {
        var token = PageToken.Encode(list, position)!;

        Assert.Equal(position, PageToken.Decode(list, token));
        Assert.Equal(Uri.EscapeDataString(token), token);
    }

    [Fact]
    public void No_next_page_has_no_token() =>
        Assert.Null(PageToken.Encode("invoices", null));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")] // base64 of bytes that are not UTF-8
    [InlineData("!!")]
    [InlineData("Y3VzdG9tZXJzOng")] // "customers:x", another list's
    [InlineData("aW52b2ljZXM")] // "invoices", no colon
    [InlineData("aW52b2ljZXNYOmE")] // "invoicesX:a"
    [InlineData("_w")]
    public void Text_no_page_of_the_list_gave_is_no_position(string token) =>
        Assert.Null(PageToken.Decode("invoices", token));
}
