using Billing.Domain.Periods;
using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Scenarios;

/// <summary>Timestamps of documents and API bodies: ISO 8601 with a date, a time and an offset, inside the billing horizon.</summary>
public sealed class ScenarioTimestampTests
{
    [Theory]
    [InlineData("2026-02-01T00:00:00Z", "2026-02-01T00:00:00+00:00")]
    [InlineData("2026-02-01T08:00:00+08:00", "2026-02-01T00:00:00+00:00")]
    [InlineData("2000-01-01T00:00:00Z", "2000-01-01T00:00:00+00:00")]
    [InlineData("2099-12-31T23:59:59.9999999Z", "2099-12-31T23:59:59.9999999+00:00")]
    public void A_timestamp_with_an_offset_inside_the_horizon_is_read(string text, string utc)
    {
        Assert.True(ScenarioTimestamp.TryParse(text, out var value, out var problem), problem);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2026-02-01T00:00:00", "offset")]
    [InlineData("2026-02-01", "offset")]
    [InlineData("Jan 5 2026 +00:00", "offset")]
    [InlineData("2026-02-30T00:00:00Z", "offset")]
    [InlineData("1999-12-31T23:59:59Z", "horizon")]
    [InlineData("2000-01-01T07:59:59+08:00", "horizon")]
    [InlineData("2100-01-01T00:00:00Z", "horizon")]
    [InlineData("9999-12-31T23:59:59Z", "horizon")]
    [InlineData("0001-01-01T00:00:00Z", "horizon")]
    public void A_timestamp_without_an_offset_or_outside_the_horizon_is_refused_saying_which(string text, string said)
    {
        Assert.False(ScenarioTimestamp.TryParse(text, out _, out var problem));
        Assert.Contains(said, problem, StringComparison.Ordinal);
        Assert.Contains(text, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_horizon_holds_its_start_and_not_its_end()
    {
        Assert.True(BillingHorizon.Contains(BillingHorizon.Start));
        Assert.False(BillingHorizon.Contains(BillingHorizon.End));
        Assert.True(BillingHorizon.Contains(BillingHorizon.End.AddTicks(-1)));
        Assert.False(BillingHorizon.Contains(BillingHorizon.Start.AddTicks(-1)));
    }
}
