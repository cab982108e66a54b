using Billing.Storage.Tables;

namespace Billing.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void Literals_are_quoted_and_typed_as_OData_expects()
    {
        string filter = TableFilter.Create(
            $"A eq {"it's"} and B eq {42L} and C eq {7} and D eq {true} and E eq {new DateTimeOffset(2025, 1, 31, 1, 0, 0, TimeSpan.FromHours(1))} and F eq {Guid.Empty} and G eq {new byte[] { 0xAB, 0x01 }} and H eq {12.50m} and I eq {2.0}");

        Assert.Equal(
            "A eq 'it''s' and B eq 42L and C eq 7 and D eq true and E eq datetime'2025-01-31T00:00:00.0000000Z' and F eq guid'00000000-0000-0000-0000-000000000000' and G eq X'ab01' and H eq '12.50' and I eq 2.0",
            filter);
    }
}
