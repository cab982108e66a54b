using Billing.Storage.Tables;

namespace Billing.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("Price@odata.type")]
    public void Reserved_property_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new TableEntity("p", "r") { [name] = "x" });

    [Fact]
    public void Unsupported_property_types_are_refused() =>
        Assert.Throws<ArgumentException>(() => new TableEntity("p", "r") { ["When"] = TimeSpan.FromSeconds(1) });

    [Fact]
    public void Setting_null_removes_a_property()
    {
        var entity = new TableEntity("p", "r") { ["A"] = "x" };

        entity["A"] = null;

        Assert.Empty(entity.Properties);
    }
}
