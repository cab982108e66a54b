using Billing.Domain.Metering;

namespace Billing.Domain.Tests.Metering;

/// <summary>
/// Event property names are table column names: an ASCII letter or '_', then ASCII letters, digits or '_', at most
/// 255 characters, never a system property of the row in any case. Ingestion and the catalog share this one rule.
/// </summary>
public sealed class EventPropertyNameTests
{
    [Theory]
    [InlineData("quantity")]
    [InlineData("_gb")]
    [InlineData("bytes_out2")]
    [InlineData("rowKeys")]
    public void A_column_name_is_accepted(string name) => Assert.True(EventPropertyName.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("2fast")]
    [InlineData("gb-out")]
    [InlineData("café")]
    [InlineData("RowKey")]
    [InlineData("rowkey")]
    [InlineData("PartitionKey")]
    [InlineData("Timestamp")]
    public void Anything_else_is_refused(string name) => Assert.False(EventPropertyName.IsValid(name));

    [Fact]
    public void A_name_is_at_most_255_characters() =>
        Assert.Equal((true, false), (EventPropertyName.IsValid(new string('a', 255)), EventPropertyName.IsValid(new string('a', 256))));
}
