using Billing.Application.Email;

namespace Billing.Email.Tests.Outbox;

/// <summary>Where a message id's email is stored: readable when the id is plain, never shared by two ids.</summary>
public sealed class OutboxNamesTests
{
    [Theory]
    [InlineData("invoice/INV-2026-000001", "invoice/INV-2026-000001.eml")]
    [InlineData("dunning/acme/2026-01/remind-1", "dunning/acme/2026-01/remind-1.eml")]
    [InlineData("receipt_pay.42", "receipt_pay.42.eml")]
    public void A_plain_message_id_is_the_blob_name(string messageId, string expected)
    {
        Assert.Equal(expected, OutboxNames.BlobName(messageId));
    }

    [Theory]
    [InlineData("receipt pay 42", "receipt_pay_42-")]
    [InlineData("invoice/../secrets", "invoice/_/secrets-")]
    [InlineData("invoice//INV-1", "invoice/_/INV-1-")]
    [InlineData("发票/INV-2026-000002", "__/INV-2026-000002-")]
    public void An_id_that_needs_replacing_keeps_its_shape_plus_a_digest(string messageId, string expectedStart)
    {
        string name = OutboxNames.BlobName(messageId);

        Assert.StartsWith(expectedStart, name, StringComparison.Ordinal);
        Assert.Matches("-[0-9a-f]{16}\\.eml$", name);
    }

    [Fact]
    public void Ids_that_sanitise_alike_get_different_names()
    {
        Assert.NotEqual(OutboxNames.BlobName("receipt pay_42"), OutboxNames.BlobName("receipt_pay 42"));
        Assert.NotEqual(OutboxNames.BlobName("receipt_pay_42"), OutboxNames.BlobName("receipt pay 42"));
    }

    [Fact]
    public void A_very_long_id_is_cut_and_kept_unique()
    {
        string name = OutboxNames.BlobName("invoice/" + new string('x', 400));

        Assert.True(name.Length < 240, name);
        Assert.NotEqual(name, OutboxNames.BlobName("invoice/" + new string('x', 401)));
    }
}
