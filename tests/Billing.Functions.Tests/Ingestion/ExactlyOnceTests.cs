using System.Net;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// A batch sent more than once (a sender retrying, several senders racing) is metered once: every request is
/// accepted, and the aggregates equal the distinct events.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ExactlyOnceTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_same_batch_posted_twice_is_metered_once()
    {
        var api = fixture.Api;
        var workload = new Workload(TestCatalog.NewCustomerId("twice"), "t");
        await api.CreateCustomerAsync(workload.Customer);
        var body = workload.Batch(0, 300);
        var before = fixture.ProcessedBatches;

        var first = await api.PostUsageAsync(body);
        var second = await api.PostUsageAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        await WaitUntilMeteredAsync(api, workload, before + 2);
    }

    [Fact]
    public async Task The_same_batches_posted_concurrently_from_four_clients_are_metered_once()
    {
        var workload = new Workload(TestCatalog.NewCustomerId("racing"), "r");
        await fixture.Api.CreateCustomerAsync(workload.Customer);

        // Client k sends the shared batch and an overlapping slice, twice; all four start together.
        var shared = workload.Batch(0, 400);
        var slices = Enumerable.Range(0, 4).Select(k => workload.Batch(k * 150, 300)).ToList();
        var before = fixture.ProcessedBatches;
        using var start = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, 4).Select(async k =>
        {
            using var http = new HttpClient();
            var api = new BillingApi(fixture.Primary.BaseAddress, http);
            await start.WaitAsync();
            var statuses = new List<HttpStatusCode>();
            for (var round = 0; round < 2; round++)
            {
                var posts = await Task.WhenAll(api.PostUsageAsync(shared), api.PostUsageAsync(slices[k]));
                statuses.AddRange(posts.Select(p => p.Status));
            }

            return statuses;
        }).ToList();
        start.Release(4);

        var answered = (await Task.WhenAll(clients)).SelectMany(s => s).ToList();

        Assert.Equal(16, answered.Count);
        Assert.All(answered, status => Assert.Equal(HttpStatusCode.Accepted, status));
        await WaitUntilMeteredAsync(fixture.Api, workload, before + 16);
    }

    /// <summary>Waits until the hosts have finished the posted batches and the aggregates show the distinct events.</summary>
    private async Task WaitUntilMeteredAsync(BillingApi api, Workload workload, int batches)
    {
        await Eventually.UntilAsync(() => Task.FromResult(fixture.ProcessedBatches), n => n >= batches);
        Assert.True(fixture.ProcessedBatches >= batches, $"{batches - fixture.ProcessedBatches} batches not processed:\n{fixture.Primary.RecentOutput}");
        await Eventually.EqualAsync(workload.Expected, () => api.TotalAsync(workload.Customer, TestCatalog.Calls), what: workload.Customer);
    }
}
