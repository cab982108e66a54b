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
