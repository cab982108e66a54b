using System.Net;
using Billing.Domain.Periods;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Usage;
using Xunit.Abstractions;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// The host process killed (process tree, no graceful shutdown) while it meters large accepted batches, then
/// started again: the batches it had taken come back after their visibility timeout and are completed, so the
/// aggregates equal the distinct events: nothing lost, nothing counted twice.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CrashRecoveryTests(HostFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    // Enough batches that metering (16 batches per fetch, written together) is still under way when the kill comes.
    private const int Batches = 40;
    private const int EventsPerBatch = 1000;

    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => fixture.EnsurePrimaryAsync();

    [Fact]
    public async Task A_host_killed_while_metering_loses_nothing_and_counts_nothing_twice_after_restart()
    {
        var api = fixture.Api;
        var workload = new Workload(TestCatalog.NewCustomerId("crash"), "k");
        await api.CreateCustomerAsync(workload.Customer);
        var bodies = Enumerable.Range(0, Batches).Select(b => workload.Batch(b * EventsPerBatch, EventsPerBatch)).ToList();

        // All senders at once; the kill comes as soon as the host logs its first metered batch: mid-way through metering.
        // (The host's log is watched rather than storage, whose queries slow down as the suite fills the table.)
        var meteredBefore = fixture.Primary.MeteredBatches;
        var answers = await Task.WhenAll(bodies.Select(api.PostUsageAsync));
        await Eventually.UntilAsync(() => Task.FromResult(fixture.Primary.MeteredBatches), n => n > meteredBefore);
        await fixture.Primary.KillAsync();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.All(answers, a => Assert.Equal(EventsPerBatch, a.Json.GetProperty("queued").GetInt32()));
        var atKill = await StoredEventsAsync(workload.Customer);
        output.WriteLine($"metered when killed: {atKill} of {workload.Expected.Events}");
        Assert.True(atKill < workload.Expected.Events, "the host had metered everything before it was killed; the kill proved nothing");

        await fixture.RestartPrimaryAsync(kill: false);
        api = fixture.Api;

        // A sender that never saw its 202 retries after the restart.
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostUsageAsync(bodies[^1])).Status);

        await Eventually.EqualAsync(workload.Expected, () => api.TotalAsync(workload.Customer, TestCatalog.Calls), TimeSpan.FromSeconds(150), workload.Customer);
        var poison = await ListPoisonAsync(api);
        Assert.Equal("[]", poison);
    }

    /// <summary>Events in the customer's aggregate rows, read straight from storage (no host is running).</summary>
    private async Task<long> StoredEventsAsync(string customer)
    {
        var keys = new UsageKeys(new BillingCalendar(TimeZoneInfo.Utc), shards: 4);
        var queries = new UsageQueries(fixture.Storage.GetTableClient("usage"), keys);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var hours = await queries.HourlyAsync(customer, TestCatalog.Calls, today.AddDays(-1), today);
        return hours.Sum(h => h.Usage.Count);
    }

    private static async Task<string> ListPoisonAsync(BillingApi api)
    {
        using var request = api.Request(HttpMethod.Get, "api/manage/poison/usage-batches");
        request.Headers.Add(Billing.Application.Security.AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Text;
    }
}
