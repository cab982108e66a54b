using Azure;
using Billing.Storage.Tables;

namespace Billing.Storage.Tests.Contract;

public abstract partial class TableContractTests
{
    [Fact]
    public async Task Transaction_applies_inserts_updates_upserts_and_deletes_together()
    {
        ETag aggregate = await Table.AddEntityAsync(new TableEntity("p", "aggregate") { ["Total"] = 1L });
        ETag doomed = await Table.AddEntityAsync(new TableEntity("p", "doomed"));

        IReadOnlyList<TableTransactionResult> results = await Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "e1") { ["Q"] = 1 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "e2") { ["Q"] = 2 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "aggregate") { ["Total"] = 4L }, aggregate),
            new(TableTransactionActionType.Delete, new TableEntity("p", "doomed"), doomed),
        ]);

        Assert.Equal(4, results.Count);
        TableEntity stored = await Table.GetEntityAsync("p", "aggregate");
        Assert.Equal(4L, stored["Total"]);
        Assert.Equal(results[2].ETag, stored.ETag);
        Assert.Equal(["aggregate", "e1", "e2"], (await Table.QueryAsync().ToListAsync()).Select(e => e.RowKey));
    }

    [Fact]
    public async Task Transaction_with_one_failing_action_changes_nothing()
    {
        await Table.AddEntityAsync(new TableEntity("p", "existing") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new-1")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "new-2")),
            new(TableTransactionActionType.Add, new TableEntity("p", "existing") { ["V"] = 2 }),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal(StorageErrorCode.EntityAlreadyExists, error.ErrorCode);
        Assert.Equal(2, error.FailedActionIndex);
        List<TableEntity> stored = await Table.QueryAsync().ToListAsync();
        Assert.Equal("existing", Assert.Single(stored).RowKey);
        Assert.Equal(1, stored[0]["V"]);
    }

    [Fact]
    public async Task Transaction_with_a_stale_aggregate_etag_fails_with_412_and_changes_nothing()
    {
        ETag stale = await Table.AddEntityAsync(new TableEntity("p", "aggregate") { ["Total"] = 1L });
        await Table.UpdateEntityAsync(new TableEntity("p", "aggregate") { ["Total"] = 2L }, stale);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "event-1")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "aggregate") { ["Total"] = 3L }, stale),
        ]));

        Assert.Equal((412, StorageErrorCode.UpdateConditionNotSatisfied, 1), (error.Status, error.ErrorCode, error.FailedActionIndex));
        Assert.Null(await Table.GetEntityIfExistsAsync("p", "event-1"));
        Assert.Equal(2L, (await Table.GetEntityAsync("p", "aggregate"))["Total"]);
    }

    [Fact]
    public async Task Mixed_partition_transaction_is_refused_before_any_request()
    {
        long before = Target.RequestsSent;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r1")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r2")),
        ]));

        Assert.Contains("one partition", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Target.RequestsSent);
    }

    [Fact]
    public async Task Transaction_of_101_actions_is_refused_before_any_request()
    {
        long before = Target.RequestsSent;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r" + i)))));

        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Target.RequestsSent);
    }

    [Fact]
    public async Task Transaction_naming_a_row_twice_is_refused_before_any_request()
    {
        long before = Target.RequestsSent;

        await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "r")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "r")),
        ]));

        Assert.Equal(before, Target.RequestsSent);
    }

    [Fact]
    public async Task Transaction_body_of_4_MiB_or_more_is_refused_before_any_request()
    {
        string filler = new('x', 30_000);
        long before = Target.RequestsSent;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity("p", "r" + i) { ["A"] = filler, ["B"] = filler }))));

        Assert.Contains("4 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Target.RequestsSent);
    }

    [Fact]
    public async Task Transaction_update_without_an_etag_is_refused_before_any_request()
    {
        long before = Target.RequestsSent;

        await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r"))]));

        Assert.Equal(before, Target.RequestsSent);
    }
}
