using Billing.Storage.Queues;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Contract;

/// <summary>
/// The queue contract, run against real Azurite and against the in-memory twin. Visibility timeouts are 1 s so the
/// real emulator needs only short waits; the twin's clock jumps instead.
/// </summary>
public abstract class QueueContractTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PastShort = TimeSpan.FromSeconds(1.5);

    private readonly IQueueClient queue = target.Account.GetQueueClient(StorageTarget.UniqueName("usage-"));

    public Task InitializeAsync() => queue.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creating_an_existing_queue_reports_it_already_existed()
    {
        IQueueClient fresh = target.Account.GetQueueClient(StorageTarget.UniqueName("q-"));

        Assert.True(await fresh.CreateIfNotExistsAsync());
        Assert.False(await fresh.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Sent_message_is_received_once_with_its_text_and_a_pop_receipt()
    {
        SendReceipt sent = await queue.SendMessageAsync("{\"customer\":\"acme\",\"note\":\"Grüße €\"}");

        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(30)));

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("{\"customer\":\"acme\",\"note\":\"Grüße €\"}", received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.False(string.IsNullOrEmpty(received.PopReceipt));
        Assert.Empty(await queue.ReceiveMessagesAsync());
    }

    [Fact]
    public async Task Message_reappears_after_its_visibility_timeout_with_dequeue_count_incremented()
    {
        await queue.SendMessageAsync("retry me");
        QueueMessage first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: Short));
        Assert.Empty(await queue.ReceiveMessagesAsync());

        await target.LetTimePassAsync(PastShort);
        QueueMessage second = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal((1, 2), (first.DequeueCount, second.DequeueCount));
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task Message_sent_with_a_delay_becomes_visible_after_it()
    {
        SendReceipt sent = await queue.SendMessageAsync("later", visibilityTimeout: Short);
        Assert.Empty(await queue.ReceiveMessagesAsync());

        await target.LetTimePassAsync(PastShort);

        Assert.Equal(sent.MessageId, Assert.Single(await queue.ReceiveMessagesAsync()).MessageId);
    }

    [Fact]
    public async Task Time_to_live_sets_the_expiry()
    {
        SendReceipt sent = await queue.SendMessageAsync("short-lived", timeToLive: TimeSpan.FromMinutes(10));
        SendReceipt forever = await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);

        Assert.Equal(TimeSpan.FromMinutes(10), sent.ExpiresOn - sent.InsertedOn);
        Assert.True(forever.ExpiresOn.Year >= 9999);
    }

    [Fact]
    public async Task Deleted_message_is_gone_for_good()
    {
        await queue.SendMessageAsync("done");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: Short));

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        await target.LetTimePassAsync(PastShort);

        Assert.Empty(await queue.ReceiveMessagesAsync());
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        Assert.Equal((404, StorageErrorCode.MessageNotFound), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task Updating_visibility_to_zero_makes_the_message_visible_now_and_renews_the_pop_receipt()
    {
        await queue.SendMessageAsync("put back");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));

        UpdateReceipt updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "put back, edited");
        QueueMessage again = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal(("put back, edited", 2), (again.MessageText, again.DequeueCount));
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        Assert.Equal((400, StorageErrorCode.PopReceiptMismatch), (stale.Status, stale.ErrorCode));
    }

    [Fact]
    public async Task Updating_only_the_visibility_keeps_the_message_text()
    {
        await queue.SendMessageAsync("keep me");
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));

        await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero);
        QueueMessage again = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Equal("keep me", again.MessageText);
    }

    [Fact]
    public async Task Receive_returns_at_most_32_messages_and_refuses_to_ask_for_more()
    {
        for (int i = 0; i < 35; i++)
        {
            await queue.SendMessageAsync("m" + i);
        }

        long before = target.RequestsSent;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(maxMessages: 33));
        Assert.Equal(before, target.RequestsSent);

        Assert.Equal(32, (await queue.ReceiveMessagesAsync(maxMessages: 32)).Count);
        Assert.Equal(3, (await queue.ReceiveMessagesAsync(maxMessages: 32)).Count);
    }

    [Fact]
    public async Task Message_over_64_KiB_encoded_is_refused_before_any_request()
    {
        long before = target.RequestsSent;

        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('x', 50_000)));

        Assert.Equal(before, target.RequestsSent);
    }

    [Fact]
    public async Task Message_count_includes_received_messages_until_they_are_deleted()
    {
        Assert.Equal(0, await queue.GetApproximateMessagesCountAsync());
        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two", visibilityTimeout: TimeSpan.FromMinutes(5));
        QueueMessage received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        Assert.Equal(2, await queue.GetApproximateMessagesCountAsync());
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        Assert.Equal(1, await queue.GetApproximateMessagesCountAsync());
    }

    [Fact]
    public async Task Missing_queue_is_404_QueueNotFound()
    {
        IQueueClient missing = target.Account.GetQueueClient(StorageTarget.UniqueName("missing-"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => missing.SendMessageAsync("x"));
        var countError = await Assert.ThrowsAsync<StorageRequestFailedException>(() => missing.GetApproximateMessagesCountAsync());

        Assert.Equal((404, StorageErrorCode.QueueNotFound), (error.Status, error.ErrorCode));
        Assert.Equal((404, StorageErrorCode.QueueNotFound), (countError.Status, countError.ErrorCode));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteQueueContractTests(AzuriteFixture fixture) : QueueContractTests(new AzuriteTarget(fixture));

public sealed class InMemoryQueueContractTests() : QueueContractTests(new InMemoryTarget());
