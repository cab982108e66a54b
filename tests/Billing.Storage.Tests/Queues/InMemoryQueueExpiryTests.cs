using Billing.Storage.InMemory;
using Billing.Storage.Queues;
using Billing.Storage.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Storage.Tests.Queues;

/// <summary>Expiry in the twin, on the fake clock (the emulator would need a real wait of the whole time to live).</summary>
public sealed class InMemoryQueueExpiryTests
{
    [Fact]
    public async Task Message_is_gone_once_its_time_to_live_has_passed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        IQueueClient queue = new InMemoryStorageAccount(clock).GetQueueClient("usage");
        await queue.CreateIfNotExistsAsync();
        SendReceipt sent = await queue.SendMessageAsync("short-lived", timeToLive: TimeSpan.FromMinutes(10));

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(await queue.ReceiveMessagesAsync());
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt));
        Assert.Equal(404, error.Status);
    }
}
