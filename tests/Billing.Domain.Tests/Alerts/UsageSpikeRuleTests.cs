using Billing.Domain.Alerts;

namespace Billing.Domain.Tests.Alerts;

public sealed class UsageSpikeRuleTests
{
    private static readonly UsageSpikeRule Rule = new();

    [Fact]
    public void Median_counts_idle_hours_as_zero()
    {
        // 100 busy hours of 10 and 68 idle hours: sorted, positions 83 and 84 (0-based) are both 10.
        var history = Enumerable.Repeat(10m, 100).ToList();

        Assert.Equal(10m, Rule.Median(history));
        Assert.Equal(0m, Rule.Median(Enumerable.Repeat(10m, 80).ToList()));
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void An_hour_above_five_times_the_median_is_a_spike(int hourTotal, bool spike)
    {
        var history = Enumerable.Repeat(10m, 168).ToList();

        Assert.Equal(spike, Rule.IsSpike(hourTotal, history, hoursOfHistory: 168));
    }

    [Fact]
    public void Without_a_day_of_history_nothing_is_a_spike()
    {
        var history = Enumerable.Repeat(10m, 168).ToList();

        Assert.False(Rule.IsSpike(1_000m, history, hoursOfHistory: 23));
        Assert.True(Rule.IsSpike(1_000m, history, hoursOfHistory: 24));
    }

    [Fact]
    public void A_mostly_idle_customer_has_no_baseline_and_raises_no_spike()
    {
        Assert.False(Rule.IsSpike(1_000_000m, [5m, 5m, 5m], hoursOfHistory: 168));
    }

    [Fact]
    public void The_factor_is_configurable()
    {
        var history = Enumerable.Repeat(10m, 168).ToList();

        Assert.True(new UsageSpikeRule(Factor: 2m).IsSpike(21m, history, 168));
        Assert.False(new UsageSpikeRule(Factor: 2m).IsSpike(20m, history, 168));
    }
}
