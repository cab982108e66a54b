using System.Globalization;
using Billing.Domain.Metering;
using Billing.Domain.Periods;
using Billing.Storage.Tables;
using Billing.Storage.Tests.Contract;
using Billing.Storage.Tests.Fixtures;
using Billing.Storage.Usage;

namespace Billing.Storage.Tests.Usage;

/// <summary>
/// Exactly-once metering, run against real Azurite and the in-memory twin: aggregates always equal the sum
/// of the distinct stored events, whatever is repeated, raced or redelivered.
/// </summary>
public abstract class UsageMeteringContractTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly BillingCalendar Shanghai = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    private static readonly DateOnly Day = new(2026, 1, 3);

    private readonly ITableClient table = target.Account.GetTableClient(StorageTarget.UniqueName("usage"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Metered_events_are_stored_and_summed_per_local_hour()
    {
        var batch = Events("a", 10, quantity: 2.5m);

        var result = await Store().MeterAsync(batch);

        Assert.Equal((10, 0), (result.Metered, result.Duplicates));
        var hours = await Queries().HourlyAsync("acme", "api_calls", Day, Day);
        Assert.Equal(25m, hours.Sum(h => h.Usage.Sum));
        Assert.Equal(10, hours.Sum(h => h.Usage.Count));
        Assert.Equal(2.5m, hours.Max(h => h.Usage.Max));
        // 10:00 local in Shanghai is hour 10 of the local day.
        Assert.All(hours, h => Assert.Equal(10, h.Hour));
    }

    [Fact]
    public async Task The_same_batch_metered_twice_counts_once()
    {
        var batch = Events("b", 40, quantity: 1m);

        await Store().MeterAsync(batch);
        var again = await Store().MeterAsync(batch);

        Assert.Equal((0, 40), (again.Metered, again.Duplicates));
        Assert.Equal(40m, await SumAsync());
    }

    [Fact]
    public async Task A_repeated_id_with_different_content_is_refused_and_changes_nothing()
    {
        await Store().MeterAsync(Events("c", 3, quantity: 1m));
        var changed = Events("c", 1, quantity: 7m);

        var result = await Store().MeterAsync(changed);

        Assert.Equal(0, result.Metered);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("c-0", conflict.EventId);
        Assert.Equal(3m, await SumAsync());
    }

    [Fact]
    public async Task Four_writers_racing_on_one_batch_count_it_once()
    {
        var batch = Events("d", 150, quantity: 1m);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store().MeterAsync(batch)));

        Assert.Equal(150, results.Sum(r => r.Metered));
        Assert.Equal(150 * 3, results.Sum(r => r.Duplicates));
        Assert.Equal(150m, await SumAsync());
    }

    [Fact]
    public async Task Redelivery_after_a_partial_write_completes_without_double_counting()
    {
        var batch = Events("e", 120, quantity: 1m);
        await Store().MeterAsync(batch.Take(50).ToList());

        var redelivered = await Store().MeterAsync(batch);

        Assert.Equal((70, 50), (redelivered.Metered, redelivered.Duplicates));
        Assert.Equal(120m, await SumAsync());
    }

    [Fact]
    public async Task A_partition_larger_than_one_transaction_is_written_in_chunks()
    {
        var store = new UsageMeteringStore(table, new UsageKeys(Shanghai, shards: 1));
        var batch = Events("f", 250, quantity: 1m);

        var result = await store.MeterAsync(batch);

        Assert.Equal(250, result.Metered);
        var hours = await new UsageQueries(table, new UsageKeys(Shanghai, 1)).HourlyAsync("acme", "api_calls", Day, Day);
        Assert.Equal(250m, hours.Sum(h => h.Usage.Sum));
    }

    [Fact]
    public async Task Distinct_values_and_raw_events_read_back()
    {
        var batch = Enumerable.Range(0, 6).Select(i => Usage($"g-{i}", 1m, At(10, i), distinct: "dev-" + (i % 3).ToString(CultureInfo.InvariantCulture))).ToList();
        await Store().MeterAsync(batch);

        var distinct = await Queries().DistinctAsync("acme", "api_calls", Day, Day);
        var window = await Queries().EventsAsync("acme", "api_calls", At(10, 2), At(10, 4));

        Assert.Equal(["dev-0", "dev-1", "dev-2"], distinct.Order(StringComparer.Ordinal));
        Assert.Equal(["g-2", "g-3"], window.Select(e => e.Id));
    }

    [Fact]
    public async Task The_month_rollup_equals_the_hour_rows_after_racing_writers_over_two_months()
    {
        var batch = Enumerable.Range(0, 300)
            .Select(i => Usage($"h-{i}", 1m + (i % 7), new DateTimeOffset(2026, 1, 30, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(i * 17)))
            .ToList();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Store().MeterAsync(batch.Where((_, i) => i % 4 != w).ToList())));

        var first = new DateOnly(2026, 1, 30);
        var last = new DateOnly(2026, 2, 2);
        var rollup = await Queries().HourlyAsync("acme", "api_calls", first, last);
        Assert.Equal(await Queries().HourlyFromHourRowsAsync("acme", "api_calls", first, last), rollup);
        Assert.Equal(batch.Sum(b => b.Event.Quantity), rollup.Sum(h => h.Usage.Sum));
        Assert.Contains(rollup, h => h.Day.Month == 2);
    }

    [Fact]
    public async Task A_crash_between_the_events_and_the_rollup_is_completed_by_redelivery()
    {
        var batch = Events("i", 80, quantity: 1m);
        var crashing = new UsageMeteringStore(new RollupWriteFails(table), new UsageKeys(Shanghai, shards: 4));

        await Assert.ThrowsAsync<IOException>(() => crashing.MeterAsync(batch));
        Assert.Equal(80m, (await Queries().HourlyFromHourRowsAsync("acme", "api_calls", Day, Day)).Sum(h => h.Usage.Sum));
        Assert.True(await SumAsync() < 80m);

        var redelivered = await Store().MeterAsync(batch);

        Assert.Equal((0, 80), (redelivered.Metered, redelivered.Duplicates));
        Assert.Equal(80m, await SumAsync());
        Assert.Equal(await Queries().HourlyFromHourRowsAsync("acme", "api_calls", Day, Day), await Queries().HourlyAsync("acme", "api_calls", Day, Day));
    }

    [Fact]
    public async Task The_same_process_redelivering_after_a_rollup_failure_completes_the_rollup_from_what_it_remembers()
    {
        var batch = Events("j", 80, quantity: 1m);
        var flaky = new RollupWriteFails(table);
        var store = new UsageMeteringStore(flaky, new UsageKeys(Shanghai, shards: 4));
        await Assert.ThrowsAsync<IOException>(() => store.MeterAsync(batch));
        flaky.Failing = false;
        var before = target.RequestsSent;

        var redelivered = await store.MeterAsync(batch);

        // No event is read back (a store without the memory reads each of the 80): only the rollups are written.
        Assert.InRange(target.RequestsSent - before, 1, 20);

        Assert.Equal((0, 80), (redelivered.Metered, redelivered.Duplicates));
        Assert.Equal(80m, await SumAsync());
        Assert.Equal(await Queries().HourlyFromHourRowsAsync("acme", "api_calls", Day, Day), await Queries().HourlyAsync("acme", "api_calls", Day, Day));
    }

    [Fact]
    public async Task Repeats_of_events_this_store_wrote_are_told_apart_without_a_request()
    {
        var store = Store();
        var batch = Events("k", 150, quantity: 1m);
        await store.MeterAsync(batch);
        var before = target.RequestsSent;

        var again = await store.MeterAsync(batch);
        var changed = await store.MeterAsync(Events("k", 2, quantity: 9m));

        Assert.Equal(before, target.RequestsSent);
        Assert.Equal((0, 150), (again.Metered, again.Duplicates));
        Assert.Equal(["k-0", "k-1"], changed.Conflicts.Select(c => c.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(150m, await SumAsync());

        // Another process (a fresh store) finds the same through the table.
        var elsewhere = await Store().MeterAsync(batch);
        Assert.Equal((0, 150), (elsewhere.Metered, elsewhere.Duplicates));
    }

    private UsageMeteringStore Store() => new(table, new UsageKeys(Shanghai, shards: 4));

    private UsageQueries Queries() => new(table, new UsageKeys(Shanghai, shards: 4));

    private async Task<decimal> SumAsync() => (await Queries().HourlyAsync("acme", "api_calls", Day, Day)).Sum(h => h.Usage.Sum);

    private static DateTimeOffset At(int hour, int minute) => new(2026, 1, 3, hour, minute, 0, TimeSpan.FromHours(8));

    private static List<MeterableUsage> Events(string prefix, int count, decimal quantity) =>
        Enumerable.Range(0, count).Select(i => Usage($"{prefix}-{i}", quantity, At(10, i % 60))).ToList();

    private static MeterableUsage Usage(string id, decimal quantity, DateTimeOffset at, string? distinct = null)
    {
        var usage = new UsageEvent(id, "acme", "api_calls", at, at, quantity, distinct);
        var body = string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"q\":{quantity}}}");
        return new MeterableUsage(usage, body, body, Late: false);
    }
}

/// <summary>A table whose month rollup writes fail (while <see cref="Failing"/>), as if the process died after the events' transaction.</summary>
internal sealed class RollupWriteFails(ITableClient inner) : ITableClient
{
    public string Name => inner.Name;

    public bool Failing { get; set; } = true;

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

    public Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        inner.GetEntityAsync(partitionKey, rowKey, select, cancellationToken);

    public Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        inner.GetEntityIfExistsAsync(partitionKey, rowKey, cancellationToken);

    public Task<Azure.ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        IsRollup(entity) ? throw new IOException("process died") : inner.AddEntityAsync(entity, cancellationToken);

    public Task<Azure.ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        IsRollup(entity) ? throw new IOException("process died") : inner.UpsertEntityAsync(entity, mode, cancellationToken);

    public Task<Azure.ETag> UpdateEntityAsync(TableEntity entity, Azure.ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        IsRollup(entity) ? throw new IOException("process died") : inner.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);

    public Task DeleteEntityAsync(string partitionKey, string rowKey, Azure.ETag ifMatch, CancellationToken cancellationToken = default) =>
        inner.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);

    public Azure.AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(filter, maxPerPage, select, cancellationToken);

    public Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default) =>
        inner.SubmitTransactionAsync(actions, cancellationToken);

    private bool IsRollup(TableEntity entity) => Failing && entity.PartitionKey.EndsWith("|months", StringComparison.Ordinal);
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteUsageMeteringTests(AzuriteFixture fixture) : UsageMeteringContractTests(new AzuriteTarget(fixture));

public sealed class InMemoryUsageMeteringTests() : UsageMeteringContractTests(new InMemoryTarget());
