using Azure;
using Billing.Storage.Tables;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Contract;

/// <summary>The table contract, run against real Azurite and against the in-memory twin (the classes at the end).</summary>
public abstract partial class TableContractTests(StorageTarget target) : IAsyncLifetime
{
    protected StorageTarget Target { get; } = target;

    protected ITableClient Table { get; } = target.Account.GetTableClient(StorageTarget.UniqueName("t"));

    public Task InitializeAsync() => Table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creating_an_existing_table_reports_it_already_existed()
    {
        ITableClient fresh = Target.Account.GetTableClient(StorageTarget.UniqueName("t"));

        Assert.True(await fresh.CreateIfNotExistsAsync());
        Assert.False(await fresh.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Inserted_entity_reads_back_with_every_property_type()
    {
        var when = new DateTimeOffset(2025, 1, 31, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("acme|api-calls|20250131|0", "evt-1")
        {
            ["Meter"] = "api-calls",
            ["Quantity"] = 9_007_199_254_740_993L,
            ["Shard"] = 7,
            ["Ratio"] = 2.0,
            ["Billable"] = true,
            ["OccurredAt"] = when,
            ["EventId"] = id,
            ["Digest"] = new byte[] { 0, 1, 2, 254, 255 },
            ["Amount"] = 12.50m,
        };

        ETag etag = await Table.AddEntityAsync(entity);
        TableEntity read = await Table.GetEntityAsync(entity.PartitionKey, entity.RowKey);

        Assert.NotEqual(default, etag);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("api-calls", read.GetString("Meter"));
        Assert.Equal(9_007_199_254_740_993L, read["Quantity"]);
        Assert.Equal(7, read["Shard"]);
        Assert.Equal(2.0, read["Ratio"]);
        Assert.Equal(true, read["Billable"]);
        Assert.Equal(when.ToUniversalTime(), read.GetDateTimeOffset("OccurredAt"));
        Assert.Equal(id, read.GetGuid("EventId"));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read.GetBinary("Digest"));
        Assert.Equal("12.50", read["Amount"]);
        Assert.Equal(12.50m, read.GetDecimal("Amount"));
    }

    [Fact]
    public async Task Keys_with_separators_quotes_spaces_and_unicode_round_trip()
    {
        var entity = new TableEntity("O'Brien & Söhne|api calls|20250131|0", "evt 1 'quoted' € 100%") { ["N"] = 1 };

        await Table.AddEntityAsync(entity);
        TableEntity read = await Table.GetEntityAsync(entity.PartitionKey, entity.RowKey);
        List<TableEntity> queried = await Table.QueryAsync(TableFilter.Create($"PartitionKey eq {entity.PartitionKey} and RowKey eq {entity.RowKey}")).ToListAsync();

        Assert.Equal(entity.RowKey, read.RowKey);
        Assert.Equal(entity.PartitionKey, Assert.Single(queried).PartitionKey);
    }

    [Fact]
    public async Task Keys_the_service_forbids_are_refused_before_any_request()
    {
        long before = Target.RequestsSent;

        await Assert.ThrowsAsync<ArgumentException>(() => Table.AddEntityAsync(new TableEntity("a/b", "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => Table.UpsertEntityAsync(new TableEntity("p", "r#1")));

        Assert.Equal(before, Target.RequestsSent);
    }

    [Fact]
    public async Task Duplicate_insert_is_rejected_with_409()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }));

        Assert.Equal(409, error.Status);
        Assert.Equal(StorageErrorCode.EntityAlreadyExists, error.ErrorCode);
        Assert.True(error.IsConflict);
        Assert.Equal(1, (await Table.GetEntityAsync("p", "r"))["V"]);
    }

    [Fact]
    public async Task Missing_entity_is_404_and_GetEntityIfExists_returns_null()
    {
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => Table.GetEntityAsync("p", "absent"));

        Assert.Equal(404, error.Status);
        Assert.Equal(StorageErrorCode.ResourceNotFound, error.ErrorCode);
        Assert.Null(await Table.GetEntityIfExistsAsync("p", "absent"));
    }

    [Fact]
    public async Task Missing_table_is_404_TableNotFound()
    {
        ITableClient missing = Target.Account.GetTableClient(StorageTarget.UniqueName("missing"));

        var insert = await Assert.ThrowsAsync<StorageRequestFailedException>(() => missing.AddEntityAsync(new TableEntity("p", "r")));
        var read = await Assert.ThrowsAsync<StorageRequestFailedException>(() => missing.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal((404, StorageErrorCode.TableNotFound), (insert.Status, insert.ErrorCode));
        Assert.Equal((404, StorageErrorCode.TableNotFound), (read.Status, read.ErrorCode));
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_moves_the_etag_on()
    {
        ETag first = await Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        ETag second = await Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first);

        Assert.NotEqual(first, second);
        TableEntity read = await Table.GetEntityAsync("p", "r");
        Assert.Equal((2, second), (read["V"], read.ETag));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_rejected_with_412()
    {
        ETag stale = await Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, stale));

        Assert.Equal(412, error.Status);
        Assert.Equal(StorageErrorCode.UpdateConditionNotSatisfied, error.ErrorCode);
        Assert.True(error.IsPreconditionFailed);
        Assert.Equal(2, (await Table.GetEntityAsync("p", "r"))["V"]);
    }

    [Fact]
    public async Task Update_and_delete_without_an_etag_are_refused_before_any_request()
    {
        long before = Target.RequestsSent;

        await Assert.ThrowsAsync<ArgumentException>(() => Table.UpdateEntityAsync(new TableEntity("p", "r"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Table.DeleteEntityAsync("p", "r", default));

        Assert.Equal(before, Target.RequestsSent);
    }

    [Fact]
    public async Task Update_with_ETag_All_overwrites_whatever_is_stored()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        await Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 9 }, ETag.All, TableUpdateMode.Replace);

        Assert.Equal(9, (await Table.GetEntityAsync("p", "r"))["V"]);
    }

    [Fact]
    public async Task Update_of_a_missing_entity_is_404()
    {
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => Table.UpdateEntityAsync(new TableEntity("p", "absent") { ["V"] = 1 }, ETag.All));

        Assert.Equal((404, StorageErrorCode.ResourceNotFound), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task Merge_keeps_properties_the_update_does_not_name_and_replace_drops_them()
    {
        ETag etag = await Table.AddEntityAsync(new TableEntity("p", "r") { ["Kept"] = "yes", ["V"] = 1 });

        etag = await Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, etag, TableUpdateMode.Merge);
        TableEntity merged = await Table.GetEntityAsync("p", "r");
        await Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, etag, TableUpdateMode.Replace);
        TableEntity replaced = await Table.GetEntityAsync("p", "r");

        Assert.Equal(("yes", 2), (merged.GetString("Kept"), merged["V"]));
        Assert.Equal((null, 3), (replaced.GetString("Kept"), replaced["V"]));
    }

    [Fact]
    public async Task Upsert_inserts_then_merges_or_replaces()
    {
        await Table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a" });
        await Table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b" }, TableUpdateMode.Merge);
        TableEntity merged = await Table.GetEntityAsync("p", "r");
        await Table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        TableEntity replaced = await Table.GetEntityAsync("p", "r");

        Assert.Equal(["A", "B"], merged.Properties.Keys.Order());
        Assert.Equal(["C"], replaced.Properties.Keys);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_rejected_with_412_and_with_the_current_one_removes_the_entity()
    {
        ETag stale = await Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        ETag current = await Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => Table.DeleteEntityAsync("p", "r", stale));
        await Table.DeleteEntityAsync("p", "r", current);

        Assert.Equal(412, error.Status);
        Assert.Null(await Table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Delete_of_a_missing_entity_is_404()
    {
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => Table.DeleteEntityAsync("p", "absent", ETag.All));

        Assert.Equal((404, StorageErrorCode.ResourceNotFound), (error.Status, error.ErrorCode));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteTableContractTests(AzuriteFixture fixture) : TableContractTests(new AzuriteTarget(fixture));

public sealed class InMemoryTableContractTests() : TableContractTests(new InMemoryTarget());
