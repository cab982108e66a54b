using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>
/// Generated usage for one customer: sum-meter events with ids <c>{prefix}-{n}</c>, quantities 1..7 and times
/// spread over the last hours, and the totals their distinct ids add up to.
/// </summary>
public sealed class Workload(string customer, string prefix)
{
    private readonly DateTimeOffset start = RecentInstant().AddHours(-2);
    private readonly HashSet<int> posted = [];

    public string Customer => customer;

    /// <summary>The batch body of events [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>); they count towards <see cref="Expected"/>.</summary>
    public string Batch(int first, int count)
    {
        var events = Enumerable.Range(first, count).Select(Event).ToList();
        posted.UnionWith(Enumerable.Range(first, count));
        return UsageEvents.Batch(events);
    }

    /// <summary>What the aggregates must show: each distinct event once.</summary>
    public UsageTotal Expected => new(posted.Sum(Quantity), posted.Count);

    public string Event(int n) => Calls($"{prefix}-{n}", customer, start.AddSeconds(n % 7200), Quantity(n));

    private static decimal Quantity(int n) => (n % 7) + 1;
}
