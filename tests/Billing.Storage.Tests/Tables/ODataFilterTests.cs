using Billing.Storage.InMemory;
using Billing.Storage.Tables;

namespace Billing.Storage.Tests.Tables;

/// <summary>The twin's $filter evaluation, which must agree with the service on the subset we use.</summary>
public sealed class ODataFilterTests
{
    private static readonly TableEntity Event = new("acme|api|20250131|0", "evt-42")
    {
        ["Meter"] = "api",
        ["Quantity"] = 5_000_000_000L,
        ["Shard"] = 3,
        ["Ratio"] = 0.25,
        ["Billable"] = true,
        ["OccurredAt"] = new DateTimeOffset(2025, 1, 31, 10, 0, 0, TimeSpan.Zero),
        ["EventId"] = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000042"),
        ["Note"] = "O'Brien",
    };

    [Theory]
    [InlineData("PartitionKey eq 'acme|api|20250131|0'", true)]
    [InlineData("PartitionKey eq 'acme|api|20250131|0' and RowKey gt 'evt-4' and RowKey lt 'evt-5'", true)]
    [InlineData("Meter eq 'storage' or Shard eq 3", true)]
    [InlineData("not (Meter eq 'api')", false)]
    [InlineData("Quantity ge 5000000000L and Quantity lt 5000000001L", true)]
    [InlineData("Shard gt 2 and Shard le 3", true)]
    [InlineData("Ratio lt 0.5", true)]
    [InlineData("Billable eq true", true)]
    [InlineData("Billable", true)]
    [InlineData("OccurredAt ge datetime'2025-01-31T00:00:00Z' and OccurredAt lt datetime'2025-02-01T00:00:00Z'", true)]
    [InlineData("EventId eq guid'6f1c2d3e-0000-4000-8000-000000000042'", true)]
    [InlineData("Note eq 'O''Brien'", true)]
    [InlineData("Missing eq 'x'", false)]
    [InlineData("Missing ne 'x'", false)]
    [InlineData("Meter eq 5", false)]
    [InlineData("(Meter eq 'api' or Meter eq 'x') and (Shard eq 1 or Shard eq 3)", true)]
    public void Filter_matches_like_the_service(string filter, bool matches) =>
        Assert.Equal(matches, ODataFilter.Parse(filter).Matches(Event));

    [Fact]
    public void Filters_built_with_TableFilter_are_understood()
    {
        string filter = TableFilter.Create(
            $"PartitionKey eq {Event.PartitionKey} and Quantity eq {5_000_000_000L} and OccurredAt eq {Event.GetDateTimeOffset("OccurredAt")} and Note eq {"O'Brien"}");

        Assert.True(ODataFilter.Parse(filter).Matches(Event));
    }

    [Theory]
    [InlineData("Meter eq")]
    [InlineData("(Meter eq 'api'")]
    [InlineData("Meter eq 'unterminated")]
    [InlineData("Meter ~ 'api'")]
    public void Malformed_filter_is_400_InvalidInput(string filter)
    {
        var error = Assert.Throws<StorageRequestFailedException>(() => ODataFilter.Parse(filter));

        Assert.Equal((400, "InvalidInput"), (error.Status, error.ErrorCode));
    }
}
