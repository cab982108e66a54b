using System.Globalization;
using Azure;
using Billing.Storage.Tables;

namespace Billing.Storage.Tests.Contract;

public abstract partial class TableContractTests
{
    [Fact]
    public async Task Query_follows_continuation_tokens_past_the_1000_entity_page()
    {
        const int count = 1_050;
        foreach (int chunk in Enumerable.Range(0, count / 50))
        {
            await Table.SubmitTransactionAsync(Enumerable.Range(chunk * 50, 50).Select(i =>
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("big", i.ToString("D5", CultureInfo.InvariantCulture)) { ["N"] = i })));
        }

        List<Page<TableEntity>> pages = await Table.QueryAsync(TableFilter.Create($"PartitionKey eq {"big"}")).AsPages().ToListAsync();
        List<TableEntity> all = pages.SelectMany(p => p.Values).ToList();

        Assert.True(pages.Count >= 2, $"expected the service to page, got {pages.Count} page(s)");
        Assert.Equal(1_000, pages[0].Values.Count);
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Equal(count, all.Count);
        Assert.Equal(Enumerable.Range(0, count), all.Select(e => (int)e["N"]!));
    }

    [Fact]
    public async Task Query_pages_at_maxPerPage_and_resumes_from_a_continuation_token()
    {
        await Table.SubmitTransactionAsync(Enumerable.Range(0, 7).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r" + i) { ["N"] = i })));

        List<Page<TableEntity>> pages = await Table.QueryAsync(maxPerPage: 3).AsPages().ToListAsync();
        Page<TableEntity> resumed = await Table.QueryAsync(maxPerPage: 3).AsPages(pages[0].ContinuationToken).FirstAsync();

        Assert.Equal([3, 3, 1], pages.Select(p => p.Values.Count));
        Assert.Equal(["r3", "r4", "r5"], resumed.Values.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Query_filters_on_typed_properties_and_selects_columns()
    {
        await Table.SubmitTransactionAsync(Enumerable.Range(0, 10).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r" + i)
            {
                ["Quantity"] = (long)i * 1_000_000_000L,
                ["Meter"] = i % 2 == 0 ? "api" : "storage",
                ["Noise"] = "x",
            })));

        string filter = TableFilter.Create($"PartitionKey eq {"p"} and Meter eq {"api"} and Quantity ge {4_000_000_000L}");
        List<TableEntity> found = await Table.QueryAsync(filter, select: ["Quantity"]).ToListAsync();

        Assert.Equal(["r4", "r6", "r8"], found.Select(e => e.RowKey));
        Assert.All(found, e => Assert.Equal(["Quantity"], e.Properties.Keys));
        Assert.All(found, e => Assert.Equal("p", e.PartitionKey));
    }

    [Fact]
    public async Task Query_matching_nothing_yields_nothing()
    {
        await Table.AddEntityAsync(new TableEntity("p", "r"));

        List<TableEntity> found = await Table.QueryAsync(TableFilter.Create($"PartitionKey eq {"other"}")).ToListAsync();

        Assert.Empty(found);
    }
}
