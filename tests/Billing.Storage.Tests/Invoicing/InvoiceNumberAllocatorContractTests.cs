using Billing.Storage.Invoicing;
using Billing.Storage.Tables;
using Billing.Storage.Tests.Contract;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Invoicing;

/// <summary>Gapless, idempotent invoice numbers under concurrency, against Azurite and the twin.</summary>
public abstract class InvoiceNumberAllocatorContractTests(StorageTarget target) : IAsyncLifetime
{
    private readonly ITableClient table = target.Account.GetTableClient(StorageTarget.UniqueName("numbers"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Numbers_start_at_one_and_follow_without_gaps()
    {
        var allocator = new InvoiceNumberAllocator(table);

        var numbers = new List<long>();
        foreach (var key in new[] { "acme/usage/2026-01", "beta/usage/2026-01", "acme/usage/2026-02" })
        {
            numbers.Add(await allocator.AllocateAsync("main", 2026, key));
        }

        Assert.Equal([1L, 2L, 3L], numbers);
    }

    [Fact]
    public async Task Asking_again_for_the_same_invoice_returns_its_number()
    {
        var allocator = new InvoiceNumberAllocator(table);
        var first = await allocator.AllocateAsync("main", 2026, "acme/usage/2026-01");
        await allocator.AllocateAsync("main", 2026, "beta/usage/2026-01");

        var again = await allocator.AllocateAsync("main", 2026, "acme/usage/2026-01");

        Assert.Equal(first, again);
        Assert.Equal(first, await allocator.FindAsync("main", 2026, "acme/usage/2026-01"));
    }

    [Fact]
    public async Task Concurrent_allocations_are_gapless_and_unique()
    {
        var keys = Enumerable.Range(0, 12).Select(i => $"c{i}/usage/2026-01").ToList();

        var numbers = await Task.WhenAll(keys.Select(key => new InvoiceNumberAllocator(table).AllocateAsync("main", 2026, key)));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), numbers.Order());
    }

    [Fact]
    public async Task Racing_workers_on_one_invoice_agree_on_one_number()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => new InvoiceNumberAllocator(table).AllocateAsync("main", 2026, "acme/usage/2026-03")));

        Assert.Single(numbers.Distinct());
        Assert.Equal(2, await new InvoiceNumberAllocator(table).AllocateAsync("main", 2026, "next"));
    }

    [Fact]
    public async Task Hundreds_of_allocations_in_two_processes_at_once_are_gapless_unique_and_repeatable()
    {
        var hosts = new[] { new InvoiceNumberAllocator(table), new InvoiceNumberAllocator(table) };
        var keys = Enumerable.Range(0, 250).Select(i => $"c{i:D3}/usage/2026-04").ToList();

        // Every key is asked for on both hosts, and the first 50 twice on the same one (retried settlements).
        var asked = keys.SelectMany((key, i) => i < 50 ? new[] { (0, key), (1, key), (0, key) } : [(i % 2, key), ((i + 1) % 2, key)]).ToList();
        var numbers = await Task.WhenAll(asked.Select(async a => (a.key, Number: await hosts[a.Item1].AllocateAsync("main", 2026, a.key))));

        var byKey = numbers.GroupBy(n => n.key).ToDictionary(g => g.Key, g => g.Select(n => n.Number).Distinct().ToList());
        Assert.All(byKey.Values, n => Assert.Single(n));
        Assert.Equal(Enumerable.Range(1, 250).Select(i => (long)i), byKey.Values.Select(n => n[0]).Order());
        Assert.Equal(byKey["c007/usage/2026-04"][0], await new InvoiceNumberAllocator(table).FindAsync("main", 2026, "c007/usage/2026-04"));
        Assert.Equal(251, await hosts[1].AllocateAsync("main", 2026, "after"));
    }

    [Fact]
    public async Task Each_issuer_and_year_has_its_own_sequence()
    {
        var allocator = new InvoiceNumberAllocator(table);

        Assert.Equal(1, await allocator.AllocateAsync("main", 2026, "a"));
        Assert.Equal(1, await allocator.AllocateAsync("main", 2027, "b"));
        Assert.Equal(1, await allocator.AllocateAsync("cn-entity", 2026, "c"));
        Assert.Equal(2, await allocator.AllocateAsync("main", 2026, "d"));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteInvoiceNumberAllocatorTests(AzuriteFixture fixture) : InvoiceNumberAllocatorContractTests(new AzuriteTarget(fixture));

public sealed class InMemoryInvoiceNumberAllocatorTests() : InvoiceNumberAllocatorContractTests(new InMemoryTarget());
