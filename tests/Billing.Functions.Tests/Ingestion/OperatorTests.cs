using System.Net;
using System.Text.Json;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>What operators see: batches that keep failing end up in the poison queue and can be requeued; a usage spike raises one alert.</summary>
[Collection(HostCollection.Name)]
public sealed class OperatorTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_batch_that_fails_five_times_moves_to_poison_and_can_be_requeued()
    {
        var marker = "poison-" + Guid.NewGuid().ToString("N");
        var poisonText = "{\"batch\":\"" + marker + "\",\"blob\":\"missing/" + marker + ".json\"}";
        await fixture.Storage.GetQueueClient("usage-batches").SendMessageAsync(poisonText);

        var listed = await Eventually.UntilAsync(() => ListPoisonAsync(), texts => texts.Contains(poisonText), TimeSpan.FromSeconds(40));
        Assert.Contains(poisonText, listed);

        var requeue = await AdminAsync(HttpMethod.Post, "api/manage/poison/usage-batches/requeue");
        Assert.Equal(HttpStatusCode.OK, requeue.Status);
        Assert.True(requeue.Json.GetProperty("requeued").GetInt32() >= 1, requeue.ToString());

        // Requeued, it fails again five times (its payload is gone for good) and comes back to poison: nothing is lost.
        var again = await Eventually.UntilAsync(() => ListPoisonAsync(), texts => texts.Contains(poisonText), TimeSpan.FromSeconds(40));
        Assert.Contains(poisonText, again);
        await RemoveFromPoisonAsync("usage-batches", poisonText);
    }

    [Theory]
    [InlineData("settlements")]
    [InlineData("workflow-events")]
    public async Task The_poison_queue_of_every_queue_a_function_is_triggered_by_is_listed_for_operators(string queue)
    {
        var text = "{\"probe\":\"" + Guid.NewGuid().ToString("N") + "\"}";
        await fixture.Storage.GetQueueClient(queue + "-poison").SendMessageAsync(text);
        try
        {
            var response = await AdminAsync(HttpMethod.Get, "api/manage/poison/" + queue);

            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Contains(text, response.Json.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        }
        finally
        {
            await RemoveFromPoisonAsync(queue, text);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(HttpMethod.Get, "api/manage/poison/no-such-queue")).Status);
    }

    /// <summary>Deletes the test's message from the poison queue, so other tests see it empty.</summary>
    private async Task RemoveFromPoisonAsync(string queue, string text)
    {
        var poison = fixture.Storage.GetQueueClient(queue + "-poison");
        foreach (var message in await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(5)))
        {
            if (message.MessageText == text)
            {
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            else
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero);
            }
        }
    }

    [Fact]
    public async Task An_hour_above_five_times_the_trailing_median_raises_one_usage_spike_alert()
    {
        var customer = TestCatalog.NewCustomerId("spike");
        var now = DateTimeOffset.UtcNow;
        await fixture.Api.CreateCustomerAsync(customer, now.AddDays(-10));

        // 120 hours of 10 calls (the median of the trailing 168 hours is then 10), ending two hours ago.
        var history = Enumerable.Range(2, 120).Select(h => UsageEvents.Calls($"{customer}-h{h}", customer, now.AddHours(-h), 10m));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Api.PostUsageAsync(UsageEvents.Batch(history))).Status);
        await Eventually.EqualAsync(1200m, async () => (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value);

        // This hour: 60 calls, over 5 × 10.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Api.PostUsageAsync(UsageEvents.Calls($"{customer}-now", customer, now.AddMinutes(-1), 60m))).Status);

        var alerts = await Eventually.UntilAsync(() => SpikesAsync(customer), list => list.Count > 0);
        var alert = Assert.Single(alerts);
        Assert.Contains("api_calls", alert, StringComparison.Ordinal);
        // The alert is recorded before its email is sent: wait for the email, then check there is one.
        var emails = await Eventually.UntilAsync(
            async () => (await AdminAsync(HttpMethod.Get, "api/manage/outbox?prefix=usage_spike/" + customer)).Json.GetProperty("items").GetArrayLength(),
            count => count > 0);
        Assert.Equal(1, emails);
    }

    private async Task<List<string>> SpikesAsync(string customer)
    {
        var response = await AdminAsync(HttpMethod.Get, "api/manage/alerts?kind=usage_spike");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.EnumerateArray()
            .Where(a => a.GetProperty("customer").GetString() == customer)
            .Select(a => a.GetProperty("detail").GetString()!)
            .ToList();
    }

    private async Task<List<string>> ListPoisonAsync()
    {
        var response = await AdminAsync(HttpMethod.Get, "api/manage/poison/usage-batches");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
    }

    private async Task<ApiResponse> AdminAsync(HttpMethod method, string path)
    {
        var api = fixture.Api;
        using var request = api.Request(method, path, method == HttpMethod.Post ? "{}" : null);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await api.SendAsync(request);
    }
}
