using Billing.Application.Admin;

namespace Billing.Functions.Tests.Admin;

/// <summary>The workflows list's continuation token: what a page gives, the next request reads back; nothing else is read as a position.</summary>
public sealed class WorkflowListPositionTests
{
    [Theory]
    [InlineData(WorkflowListPart.Durable, null)]
    [InlineData(WorkflowListPart.Durable, "{\"NextPartitionKey\":\"dunning/acme/2026-02\",\"NextRowKey\":\"\"}")]
    [InlineData(WorkflowListPart.Collections, null)]
    [InlineData(WorkflowListPart.Collections, "客户/β+?&=")]
    public void A_position_reads_back_from_its_token_which_needs_no_escaping_in_a_query_string(WorkflowListPart part, string? after)
    {
        var position = new WorkflowListPosition(part, after);

        var token = position.Encode();

        Assert.Equal(position, WorkflowListPosition.Decode(token));
        Assert.Equal(Uri.EscapeDataString(token), token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!")]
    [InlineData("eDphY21l")] // "x:acme"
    [InlineData("ZA")] // "d"
    [InlineData("_w")] // a byte that is not UTF-8
    public void Text_no_page_gave_is_no_position(string token) =>
        Assert.Null(WorkflowListPosition.Decode(token));
}
