using System.Text.Json.Nodes;
using Billing.Application.Accounts;
using Billing.Application.Hosting;
using Billing.Domain.Tests.Support;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Catalog;
using Billing.Storage.Customers;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Accounts;

/// <summary>
/// The directory's listing of every customer, as two hosts on one storage account keep it: a customer created or
/// changed through one host is in the other's listing once that host's cache is <see cref="BillingDirectory.Freshness"/>
/// old (the directory stamp changed); while no customer is written, the listing is kept without listing again, up to
/// <see cref="BillingDirectory.ListingMaxAge"/>, which bounds what a write without its stamp can hide.
/// </summary>
public sealed class DirectoryListingTests(AzuriteStorageFixture azurite) : IClassFixture<AzuriteStorageFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_customer_created_through_another_host_is_listed_once_the_cache_is_fresh_no_longer()
    {
        var (clock, _, directoryA, storeB) = await TwoHostsAsync();
        Assert.Equal(["acme"], (await directoryA.AllCustomersAsync()).Select(c => c.Id));

        Assert.True(await storeB.TryCreateAsync(Record("beta")));
        Assert.Equal(["acme"], (await directoryA.AllCustomersAsync()).Select(c => c.Id));

        clock.Advance(BillingDirectory.Freshness);
        Assert.Equal(["acme", "beta"], (await directoryA.AllCustomersAsync()).Select(c => c.Id).Order(StringComparer.Ordinal));

        Assert.True(await storeB.TryUpdateAsync((await storeB.GetAsync("beta"))!, Document("beta", "Beta GmbH"), clock.GetUtcNow()));
        clock.Advance(BillingDirectory.Freshness);
        Assert.Equal("Beta GmbH", (await directoryA.AllCustomersAsync()).Single(c => c.Id == "beta").Name);
    }

    [Fact]
    public async Task While_no_customer_is_written_the_listing_is_kept_up_to_its_maximum_age()
    {
        var (clock, table, directoryA, _) = await TwoHostsAsync();
        Assert.Equal(["acme"], (await directoryA.AllCustomersAsync()).Select(c => c.Id));

        // A row written without the stamp (a writer that stopped between the two, or a host of an older version).
        await table.AddEntityAsync(new Billing.Storage.Tables.TableEntity("customer", "gamma")
        {
            ["Id"] = "gamma", ["Json"] = Document("gamma", "Gamma"), ["PortalKeyDigest"] = Array.Empty<byte>(), ["CreatedAt"] = T0, ["UpdatedAt"] = T0,
        });

        clock.Advance(BillingDirectory.Freshness);
        Assert.Equal(["acme"], (await directoryA.AllCustomersAsync()).Select(c => c.Id));

        clock.Advance(BillingDirectory.ListingMaxAge);
        Assert.Equal(["acme", "gamma"], (await directoryA.AllCustomersAsync()).Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>A fresh customers table with a catalog and "acme", and two hosts' stores and directories on it.</summary>
    private async Task<(FakeTimeProvider Clock, Billing.Storage.Tables.ITableClient Table, BillingDirectory DirectoryA, CustomerStore StoreB)> TwoHostsAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var customersTable = azurite.Storage.GetTableClient(StorageBootstrap.CustomersTable + suffix);
        var catalogTable = azurite.Storage.GetTableClient(StorageBootstrap.CatalogTable + suffix);
        await customersTable.CreateIfNotExistsAsync();
        await catalogTable.CreateIfNotExistsAsync();
        var clock = new FakeTimeProvider(T0);
        var catalogs = new CatalogStore(catalogTable);
        await catalogs.PublishAsync(Catalog(), T0);
        var storeA = new CustomerStore(customersTable);
        var storeB = new CustomerStore(customersTable);
        Assert.True(await storeA.TryCreateAsync(Record("acme")));
        return (clock, customersTable, new BillingDirectory(catalogs, storeA, clock), storeB);
    }

    private static string Catalog()
    {
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.json")))!.AsObject();
        var catalog = new JsonObject();
        foreach (var name in new[] { "timezone", "currency", "meters", "plans" })
        {
            catalog[name] = scenario[name]!.DeepClone();
        }

        return catalog.ToJsonString();
    }

    private static CustomerRecord Record(string id) => new(id, Document(id, id), [], T0, T0);

    private static string Document(string id, string name) =>
        new JsonObject { ["id"] = id, ["name"] = name, ["email"] = $"billing@{id}.test", ["plan"] = "api-standard" }.ToJsonString();
}
