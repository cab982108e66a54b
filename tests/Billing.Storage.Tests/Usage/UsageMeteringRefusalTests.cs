using System.Globalization;
using Billing.Domain.Metering;
using Billing.Domain.Periods;
using Billing.Storage.Tables;
using Billing.Storage.Tests.Contract;
using Billing.Storage.Tests.Fixtures;
using Billing.Storage.Usage;

namespace Billing.Storage.Tests.Usage;

/// <summary>
/// Events that reached metering although Table Storage will not hold them (sent before the webhook checked the
/// limits, or by a path that skips it), against real Azurite: the bad event is parked with the service's reason,
/// the valid events of its partition and transaction are metered, and the aggregate equals them. Event properties
/// live in the row's JSON column, so their count, names and nesting never reach the service; what does is the
/// size of that column, the row keys and the size of a transaction.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UsageMeteringRefusalTests(AzuriteFixture fixture) : IAsyncLifetime
{
    private static readonly BillingCalendar Shanghai = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    private static readonly DateOnly Day = new(2026, 1, 3);

    private readonly ITableClient table = new AzuriteTarget(fixture).Account.GetTableClient(StorageTarget.UniqueName("usage"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>An event Table Storage refuses, by the limit it breaks, and the reason it is parked with.</summary>
    private static readonly Dictionary<string, (Func<string, MeterableUsage> Event, string Reason)> Refused = new(StringComparer.Ordinal)
    {
        ["a string property over 32,768 characters"] = (id => Usage(id, 1m, body: Body(id, new string('x', 32 * 1024 + 1))), "refused by Table Storage: PropertyValueTooLarge"),
        ["a distinct value that makes a row key over 1,024 characters"] = (id => Usage(id, 1m, distinct: new string('/', 400)), "refused by Table Storage: RowKey of"),
        ["JSON larger than a transaction carries"] = (id => Usage(id, 1m, body: Body(id, new string('x', 600_000))), "refused by Table Storage: the event's JSON is"),
    };

    public static TheoryData<string> Limits() => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task An_event_the_service_refuses_alone_is_parked_with_its_reason_and_counts_nothing(string limit)
    {
        var (bad, reason) = Refused[limit];

        var result = await Store().MeterAsync([bad("bad")]);

        Assert.Equal(0, result.Metered);
        var parked = Assert.Single(result.Parked);
        Assert.Equal("bad", parked.Usage.Event.Id);
        Assert.StartsWith(reason, parked.Reason, StringComparison.Ordinal);
        Assert.Equal(0m, await SumAsync());
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task An_event_the_service_refuses_does_not_keep_the_valid_events_of_its_transaction_from_being_metered(string limit)
    {
        var (bad, reason) = Refused[limit];
        var valid = Enumerable.Range(0, 60).Select(i => Usage($"ok-{i}", 2m)).ToList();
        var batch = valid.Take(30).Append(bad("bad")).Concat(valid.Skip(30)).ToList();

        var result = await Store().MeterAsync(batch);

        Assert.Equal(60, result.Metered);
        var parked = Assert.Single(result.Parked);
        Assert.Equal("bad", parked.Usage.Event.Id);
        Assert.StartsWith(reason, parked.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Conflicts);
        Assert.Equal(120m, await SumAsync());
        Assert.Equal(60, (await Queries().HourlyAsync("acme", "api_calls", Day, Day)).Sum(h => h.Usage.Count));

        // Delivered again (the queue message retried), nothing more is counted and the bad event is parked again.
        var again = await Store().MeterAsync(batch);
        Assert.Equal((0, 60, 1), (again.Metered, again.Duplicates, again.Parked.Count));
        Assert.Equal(120m, await SumAsync());
    }

    [Fact]
    public async Task Several_refused_events_in_one_transaction_are_each_parked_and_the_rest_metered()
    {
        var batch = Enumerable.Range(0, 40)
            .Select(i => i % 10 == 3 ? Usage($"big-{i}", 1m, body: Body($"big-{i}", new string('x', 40_000))) : Usage($"ok-{i}", 1m))
            .ToList();

        var result = await Store().MeterAsync(batch);

        Assert.Equal(36, result.Metered);
        Assert.Equal(["big-13", "big-23", "big-3", "big-33"], result.Parked.Select(p => p.Usage.Event.Id).Order(StringComparer.Ordinal));
        Assert.Equal(36m, await SumAsync());
    }

    /// <summary>One partition (one shard), so every event of a batch shares its transactions.</summary>
    private UsageMeteringStore Store() => new(table, new UsageKeys(Shanghai, shards: 1));

    private UsageQueries Queries() => new(table, new UsageKeys(Shanghai, shards: 1));

    private async Task<decimal> SumAsync() => (await Queries().HourlyAsync("acme", "api_calls", Day, Day)).Sum(h => h.Usage.Sum);

    private static string Body(string id, string note) => $"{{\"id\":\"{id}\",\"properties\":{{\"note\":\"{note}\"}}}}";

    private static MeterableUsage Usage(string id, decimal quantity, string? body = null, string? distinct = null)
    {
        var at = new DateTimeOffset(2026, 1, 3, 10, 15, 0, TimeSpan.FromHours(8));
        body ??= string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"q\":{quantity}}}");
        return new MeterableUsage(new UsageEvent(id, "acme", "api_calls", at, at, quantity, distinct), "fp-" + id, body, Late: false);
    }
}
