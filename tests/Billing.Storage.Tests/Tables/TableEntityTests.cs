using System.Text.Json;
using Billing.Storage.Tables;

namespace Billing.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Fact]
    public void Numbers_are_written_with_explicit_types_and_Int64_as_a_string()
    {
        var entity = new TableEntity("p", "r") { ["Big"] = 9_007_199_254_740_993L, ["Ratio"] = 2.0, ["Count"] = 3, ["Amount"] = 0.10m };

        using JsonDocument json = JsonDocument.Parse(TableEntityJson.Serialize(entity));
        JsonElement root = json.RootElement;

        Assert.Equal("9007199254740993", root.GetProperty("Big").GetString());
        Assert.Equal("Edm.Int64", root.GetProperty("Big@odata.type").GetString());
        Assert.Equal("Edm.Double", root.GetProperty("Ratio@odata.type").GetString());
        Assert.Equal(3, root.GetProperty("Count").GetInt32());
        Assert.Equal("0.10", root.GetProperty("Amount").GetString());
    }

    [Fact]
    public void Untyped_json_numbers_read_as_Int32_when_integral_and_Double_otherwise()
    {
        using JsonDocument json = JsonDocument.Parse("""{"PartitionKey":"p","RowKey":"r","odata.etag":"W/\"x\"","Whole":5,"Half":0.5,"WholeDouble":2.0,"Timestamp":"2025-01-01T00:00:00.1234567Z"}""");

        TableEntity entity = TableEntityJson.Read(json.RootElement);

        Assert.Equal(5, entity["Whole"]);
        Assert.Equal(0.5, entity["Half"]);
        Assert.Equal(2.0, entity["WholeDouble"]);
        Assert.Equal("W/\"x\"", entity.ETag.ToString());
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
    }

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
