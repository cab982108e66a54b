using System.Net;
using System.Text.Json;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// Two host processes consuming the one usage-batches queue produce the same aggregates as one host does:
/// the same workload (overlapping batches, repeats sent to both hosts) gives equal hourly series.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ScaleOutTests(HostFixture fixture) : IAsyncLifetime
{
    private const int Requests = 40;
    private const int EventsPerRequest = 60;

    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_hosts_consuming_the_same_queue_give_the_same_aggregates_as_one()
    {
        var api = fixture.Api;
        var alone = new Workload(TestCatalog.NewCustomerId("one-host"), "w");
        await api.CreateCustomerAsync(alone.Customer);

        await PostAsync(alone, [api]);
        await Eventually.EqualAsync(alone.Expected, () => api.TotalAsync(alone.Customer, TestCatalog.Calls), what: alone.Customer);

        await using var second = await fixture.StartHostAsync();
        var secondApi = new BillingApi(second.BaseAddress);

        // Which host takes which message is the queue's choice: a workload one host happened to meter alone proves
        // nothing about two, so another shared workload is sent (at most three) until both hosts have metered some of it.
        for (var attempt = 1; ; attempt++)
        {
            var shared = new Workload(TestCatalog.NewCustomerId("two-hosts"), "w");
            await api.CreateCustomerAsync(shared.Customer);
            var (primaryBefore, secondBefore) = (fixture.Primary.MeteredBatches, second.MeteredBatches);
            await PostAsync(shared, [api, secondApi]);
            await Eventually.EqualAsync(shared.Expected, () => api.TotalAsync(shared.Customer, TestCatalog.Calls), what: shared.Customer);

            Assert.Equal(alone.Expected, shared.Expected);
            Assert.Equal(await HourlyAsync(api, alone.Customer), await HourlyAsync(api, shared.Customer));
            // A host logs a batch after its pass has written it, so the totals can be equal a moment before the last log line is read.
            var primaryTookPart = await Eventually.UntilAsync(() => Task.FromResult(fixture.Primary.MeteredBatches > primaryBefore), done => done);
            var secondTookPart = await Eventually.UntilAsync(() => Task.FromResult(second.MeteredBatches > secondBefore), done => done);
            if (primaryTookPart && secondTookPart)
            {
                return;
            }

            Assert.True(attempt < 3, $"in three shared workloads one host metered nothing (first host: {primaryTookPart}, second host: {secondTookPart}):\n{second.RecentOutput}");
        }
    }

    /// <summary>
    /// Requests of 60 events, each overlapping the previous one by 20, sent four at a time round-robin over the
    /// hosts; every fifth request is also sent again to the next host.
    /// </summary>
    private static async Task PostAsync(Workload workload, IReadOnlyList<BillingApi> hosts)
    {
        var sends = new List<(BillingApi Host, string Body)>();
        for (var r = 0; r < Requests; r++)
        {
            var body = workload.Batch(r * (EventsPerRequest - 20), EventsPerRequest);
            sends.Add((hosts[r % hosts.Count], body));
            if (r % 5 == 0)
            {
                sends.Add((hosts[(r + 1) % hosts.Count], body));
            }
        }

        foreach (var group in sends.Chunk(4))
        {
            var answers = await Task.WhenAll(group.Select(s => s.Host.PostUsageAsync(s.Body)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        }
    }

    /// <summary>The hourly series as (offset from the first hour, value, events): equal for equal workloads posted at different times.</summary>
    private static async Task<List<(int Hour, string Value, long Events)>> HourlyAsync(BillingApi api, string customer)
    {
        var response = await api.UsageAsync(customer, TestCatalog.Calls, granularity: "hour");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var points = response.Json.GetProperty("points").EnumerateArray().ToList();
        var first = points[0].GetProperty("start").GetDateTimeOffset();
        return points.Select(p => (
            (int)(p.GetProperty("start").GetDateTimeOffset() - first).TotalHours,
            p.GetProperty("value").GetString()!,
            p.GetProperty("events").GetInt64())).ToList();
    }
}
