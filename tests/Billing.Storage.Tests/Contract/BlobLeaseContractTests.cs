using Billing.Storage.Blobs;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Contract;

/// <summary>Blob leases as locks, against real Azurite (the in-memory twin has none).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobLeaseContractTests(AzuriteFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private readonly IBlobContainerClient container =
        new AzuriteTarget(fixture).Account.GetBlobContainerClient(StorageTarget.UniqueName("locks-"));

    public Task InitializeAsync() => container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_lease_on_an_absent_blob_creates_the_blob_and_holds_it()
    {
        await using IBlobLease? lease = await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration);

        Assert.NotNull(lease);
        Assert.False(string.IsNullOrEmpty(lease.LeaseId));
        Assert.Empty(lease.Metadata);
        Assert.Equal(0, (await container.GetPropertiesAsync("host/SettlementTimer")).ContentLength);
    }

    [Fact]
    public async Task A_second_holder_gets_no_lease_while_the_first_holds_it_and_gets_it_once_released()
    {
        IBlobLease? first = await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration);
        Assert.NotNull(first);

        Assert.Null(await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration));
        await first.RenewAsync();
        Assert.Null(await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration));

        await first.ReleaseAsync();
        await using IBlobLease? second = await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration);
        Assert.NotNull(second);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Metadata_written_under_a_lease_is_what_the_next_holder_reads()
    {
        await using (IBlobLease? first = await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration))
        {
            Assert.NotNull(first);
            await first.SetMetadataAsync(new Dictionary<string, string> { ["LastOccurrence"] = "2026-12-04T20:00:00.0000000Z" });
        }

        await using IBlobLease? next = await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration);
        Assert.NotNull(next);
        Assert.Equal("2026-12-04T20:00:00.0000000Z", next.Metadata["lastoccurrence"]);
    }

    [Fact]
    public async Task A_lease_that_is_not_renewed_expires_and_another_holder_takes_it()
    {
        IBlobLease? dead = await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration);
        Assert.NotNull(dead);

        // Poll (bounded) rather than sleep the exact duration: the service decides when it has expired.
        IBlobLease? taken = null;
        var deadline = DateTime.UtcNow + Duration + TimeSpan.FromSeconds(30);
        while (taken is null && DateTime.UtcNow < deadline)
        {
            taken = await container.TryAcquireLeaseAsync("host/SettlementTimer", Duration);
            if (taken is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }

        Assert.NotNull(taken);
        await taken.DisposeAsync();
        await Assert.ThrowsAnyAsync<StorageRequestFailedException>(() => dead.RenewAsync());
    }
}
