using System.Net;
using System.Text.Json;
using Billing.Domain.Periods;
using Billing.Application.Ingestion;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Usage;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// Events refused after the webhook answered are listed at <c>GET /api/customers/{id}/events/rejected</c> for the
/// customer and operators: a repeat of an id with different content, and an event Table Storage would not hold,
/// which is parked while the rest of its batch and partition is metered.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RejectedEventTests(HostFixture fixture) : IAsyncLifetime
{
    private readonly string customer = TestCatalog.NewCustomerId("refused");
    private readonly DateTimeOffset at = RecentInstant();
    private BillingApi api = null!;
    private string portalKey = null!;

    public async Task InitializeAsync()
    {
        await fixture.EnsurePrimaryAsync();
        api = fixture.Api;
        portalKey = await api.CreateCustomerAsync(customer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_repeat_with_different_content_in_a_later_request_is_listed_as_rejected_and_the_first_counts()
    {
        var first = await api.PostUsageAsync(Calls("r-1", customer, at, 4));
        Assert.Equal(1, first.Json.GetProperty("queued").GetInt32());
        await Eventually.EqualAsync(new UsageTotal(4m, 1), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");

        // The webhook cannot know at once: it answers queued, and the refusal shows in the listing once metered.
        var changed = await api.PostUsageAsync(Calls("r-1", customer, at.AddMinutes(1), 40));
        Assert.Equal(HttpStatusCode.Accepted, changed.Status);
        Assert.Equal((1, 0), (changed.Json.GetProperty("queued").GetInt32(), changed.Json.GetProperty("rejected").GetArrayLength()));
        var listed = await Eventually.UntilAsync(() => RejectedAsync(portalKey), r => r.Count > 0);

        var rejected = Assert.Single(listed);
        Assert.Equal(("r-1", at.AddMinutes(1), "duplicate id with different content"), (rejected.GetProperty("id").GetString(), rejected.GetProperty("at").GetDateTimeOffset(), rejected.GetProperty("reason").GetString()));
        Assert.Equal(["id", "at", "reason", "rejectedAt"], rejected.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new UsageTotal(4m, 1), await api.TotalAsync(customer, TestCatalog.Calls));

        // Operators read it with the admin key; another customer's portal key does not open it.
        Assert.Single(await RejectedAsync(null));
        var other = TestCatalog.NewCustomerId("other");
        var otherKey = await api.CreateCustomerAsync(other);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.RejectedEventsAsync(customer, otherKey)).Status);
        Assert.Empty(await RejectedAsync(otherKey, other));
    }

    [Fact]
    public async Task An_event_Table_Storage_refuses_is_parked_and_listed_and_the_rest_of_its_partition_is_metered()
    {
        // Queued directly (as a path that skips the webhook's checks would): a 40,000-character property, which
        // Table Storage refuses, among valid events of the same partition (same day, same shard).
        var keys = new UsageKeys(new BillingCalendar(TimeZoneInfo.Utc), 4);
        var valid = Enumerable.Range(0, 200).Select(i => $"ok-{i}").Where(id => keys.Shard(id) == keys.Shard("too-big")).Take(5).ToList();
        var events = valid.Select(id => Queued(id, 3m, Calls(id, customer, at, 3))).ToList();
        events.Insert(2, Queued("too-big", 1m, Event("too-big", customer, TestCatalog.Calls, at, new { quantity = 1, note = new string('x', 40_000) })));
        var batchId = "parked-" + Guid.NewGuid().ToString("N");
        await fixture.Storage.GetQueueClient(UsageBatchSender.QueueName).SendMessageAsync(
            JsonSerializer.Serialize(new UsageBatchMessage(batchId, null, null) { Compressed = UsageBatchSender.Gzip(events) }, IngestionJson.Options));

        await Eventually.EqualAsync(new UsageTotal(15m, 5), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
        var listed = await Eventually.UntilAsync(() => RejectedAsync(null), r => r.Count > 0);

        var parked = Assert.Single(listed);
        Assert.Equal("too-big", parked.GetProperty("id").GetString());
        Assert.Equal("refused by Table Storage: PropertyValueTooLarge", parked.GetProperty("reason").GetString());
        var row = await fixture.Storage.GetTableClient(RejectedEventStore.TableName).GetEntityIfExistsAsync(customer, "too-big");
        var content = await fixture.Storage.GetBlobContainerClient(UsageBatchSender.PayloadContainer).DownloadContentAsync(row!.GetString("Parked")!);
        Assert.Contains(new string('x', 40_000), content.Content.ToString(), StringComparison.Ordinal);

        // The message completed: it is neither waiting for another attempt nor in the poison queue.
        await Eventually.EqualAsync(0, () => fixture.Storage.GetQueueClient(UsageBatchSender.QueueName).GetApproximateMessagesCountAsync(), what: "usage batches waiting");
        using var request = api.Request(HttpMethod.Get, "api/manage/poison/usage-batches");
        request.Headers.Add(Billing.Application.Security.AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var poison = await api.SendAsync(request);
        Assert.DoesNotContain(batchId, poison.Text, StringComparison.Ordinal);
        Assert.Equal(new UsageTotal(15m, 5), await api.TotalAsync(customer, TestCatalog.Calls));
    }

    private QueuedUsage Queued(string id, decimal quantity, string body) =>
        new(id, customer, TestCatalog.Calls, at, DateTimeOffset.UtcNow, quantity, null, JsonDocument.Parse(body).RootElement.GetRawText());

    private async Task<List<JsonElement>> RejectedAsync(string? key, string? of = null)
    {
        var response = await api.RejectedEventsAsync(of ?? customer, key);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return [.. response.Json.EnumerateArray()];
    }
}
