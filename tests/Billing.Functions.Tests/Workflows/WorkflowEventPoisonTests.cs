using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Queues;

namespace Billing.Functions.Tests.Workflows;

/// <summary>
/// The queue trigger's poison rule on the <c>workflow-events</c> queue: a message its function refuses on every attempt
/// leaves the queue after the fifth (host.json's <c>maxDequeueCount</c>) and waits, unchanged and once, in
/// <c>workflow-events-poison</c>.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WorkflowEventPoisonTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_message_that_fails_five_times_moves_once_to_the_poison_queue_with_its_text()
    {
        var text = "not a workflow event " + Guid.NewGuid().ToString("N");
        var sent = await fixture.Storage.GetQueueClient("workflow-events").SendMessageAsync(text);
        var poison = fixture.Storage.GetQueueClient("workflow-events-poison");

        // Gone from the queue itself (a count of 0 includes invisible messages): the fifth failure deleted it, after copying it.
        var left = await Eventually.UntilAsync(() => fixture.Storage.GetQueueClient("workflow-events").GetApproximateMessagesCountAsync(), n => n == 0, TimeSpan.FromSeconds(40));
        Assert.Equal(0, left);

        var copy = Assert.Single(await CopiesAsync(poison, text));
        Assert.Equal(text, copy.MessageText);
        Assert.NotEqual(sent.MessageId, copy.MessageId);
        await poison.DeleteMessageAsync(copy.MessageId, copy.PopReceipt);
    }

    /// <summary>The poison queue's copies of <paramref name="text"/>, received (the test's own stay invisible for a minute); the others made visible again.</summary>
    private static async Task<List<QueueMessage>> CopiesAsync(IQueueClient poison, string text)
    {
        var copies = new List<QueueMessage>();
        foreach (var message in await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1)))
        {
            if (message.MessageText == text)
            {
                copies.Add(message);
            }
            else
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero);
            }
        }

        return copies;
    }
}
