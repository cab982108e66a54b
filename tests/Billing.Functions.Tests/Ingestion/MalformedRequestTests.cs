using System.Net;
using System.Text.Json;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Tables;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// The malformed-request corpus against the real host: each request gets the 4xx it deserves with problem
/// details naming the reason (never a 5xx), and the whole corpus stores nothing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MalformedRequestTests(HostFixture fixture) : IAsyncLifetime
{
    private static readonly SemaphoreSlim SetupGate = new(1);
    private static CorpusContext? context;

    public static TheoryData<string> Cases => new(MalformedCorpus.All.Select(c => c.Name));

    public async Task InitializeAsync()
    {
        await fixture.EnsurePrimaryAsync();
        await SetupGate.WaitAsync();
        try
        {
            if (context is null || context.Api.BaseAddress != fixture.Primary.BaseAddress)
            {
                var api = fixture.Api;
                context = context is null
                    ? new CorpusContext(api, TestCatalog.NewCustomerId("corpus"), TestCatalog.NewCustomerId("late"), TestCatalog.NewCustomerId("replayed"), string.Empty)
                    : context with { Api = api };
                if (context.PortalKey.Length == 0)
                {
                    context = context with { PortalKey = await api.CreateCustomerAsync(context.Customer) };
                    await api.CreateCustomerAsync(context.LateStart, DateTimeOffset.UtcNow.AddDays(1));
                    await api.CreateCustomerAsync(context.Replayed);
                }
            }
        }
        finally
        {
            SetupGate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_corpus_holds_at_least_200_distinct_malformed_requests()
    {
        Assert.True(MalformedCorpus.All.Count >= 200, $"only {MalformedCorpus.All.Count} cases");
        Assert.Equal(MalformedCorpus.All.Count, MalformedCorpus.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_request_gets_a_4xx_with_problem_details_naming_the_reason(string name)
    {
        var malformed = MalformedCorpus.Named(name);

        var response = await SendAsync(malformed);

        AssertRefused(malformed, response);
    }

    [Fact]
    public async Task The_whole_corpus_stores_nothing_and_queues_nothing()
    {
        var c = context! with { Replayed = TestCatalog.NewCustomerId("replayed") };
        await c.Api.CreateCustomerAsync(c.Replayed);
        var usage = fixture.Storage.GetTableClient("usage");
        var rejections = fixture.Storage.GetTableClient("usagerejections");

        // The replay cases send an accepted original first: let those be metered before the count starts.
        var meteredBeforeOriginals = fixture.Primary.MeteredBatches;
        var requests = new List<(MalformedRequest Case, HttpRequestMessage Request)>();
        foreach (var malformed in MalformedCorpus.All)
        {
            requests.Add((malformed, await malformed.Build(c)));
        }

        await Eventually.EqualAsync(new UsageTotal(6m, 3), () => c.Api.TotalAsync(c.Replayed, TestCatalog.Calls), what: "the replayed originals");
        await Eventually.UntilAsync(() => Task.FromResult(fixture.Primary.MeteredBatches), n => n >= meteredBeforeOriginals + 3);
        var since = DateTimeOffset.UtcNow;
        var meteredBefore = fixture.Primary.MeteredBatches;
        var before = await TotalsAsync(c);

        var failures = new List<string>();
        foreach (var (malformed, request) in requests)
        {
            using (request)
            {
                var response = await c.Api.SendAsync(request);
                if ((int)response.Status is < 400 or >= 500 || response.Status != malformed.Status)
                {
                    failures.Add($"{malformed.Name}: {response}");
                }
            }
        }

        // A valid event queued after the corpus: once it is metered, anything queued before it would have been too.
        var marker = Calls("marker", c.Customer, RecentInstant(), 1);
        Assert.Equal(HttpStatusCode.Accepted, (await c.Api.PostUsageAsync(marker)).Status);
        await Eventually.EqualAsync(before.Calls with { Value = before.Calls.Value + 1, Events = before.Calls.Events + 1 }, () => c.Api.TotalAsync(c.Customer, TestCatalog.Calls), what: "the marker");
        await Eventually.UntilAsync(() => Task.FromResult(fixture.Primary.MeteredBatches), n => n > meteredBefore);

        Assert.Empty(failures);
        Assert.Equal(meteredBefore + 1, fixture.Primary.MeteredBatches);
        var after = await TotalsAsync(c);
        Assert.Equal(before with { Calls = after.Calls }, after);
        var written = await RowsSinceAsync(usage, since);
        Assert.All(written, row => Assert.StartsWith(c.Customer + "|" + TestCatalog.Calls + "|", row.PartitionKey, StringComparison.Ordinal));
        Assert.Contains(written, row => row.RowKey == "e:marker");
        Assert.Empty(await RowsSinceAsync(rejections, since));
    }

    private async Task<ApiResponse> SendAsync(MalformedRequest malformed)
    {
        using var request = await malformed.Build(context!);
        return await context!.Api.SendAsync(request);
    }

    private static void AssertRefused(MalformedRequest malformed, ApiResponse response)
    {
        Assert.True(response.Status == malformed.Status, $"expected {(int)malformed.Status}, got {response}");
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = response.Json;
        Assert.Equal((int)malformed.Status, problem.GetProperty("status").GetInt32());
        var reasons = problem.GetProperty("detail").GetString() + " " +
            (problem.TryGetProperty("errors", out var errors) ? errors.GetRawText() : string.Empty);
        Assert.True(reasons.Contains(malformed.Reason, StringComparison.Ordinal) || Unescaped(reasons).Contains(malformed.Reason, StringComparison.Ordinal), $"'{malformed.Reason}' not named in {response}");
    }

    private static string Unescaped(string text) => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(text)) ?? text;

    private async Task<CorpusTotals> TotalsAsync(CorpusContext c) => new(
        await c.Api.TotalAsync(c.Customer, TestCatalog.Calls),
        await c.Api.TotalAsync(c.Customer, TestCatalog.Devices),
        await c.Api.TotalAsync(c.Customer, TestCatalog.PeakQps),
        await c.Api.TotalAsync(c.LateStart, TestCatalog.Calls),
        await c.Api.TotalAsync(c.Replayed, TestCatalog.Calls));

    private static async Task<List<TableEntity>> RowsSinceAsync(ITableClient table, DateTimeOffset since)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"Timestamp ge {since}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    private sealed record CorpusTotals(UsageTotal Calls, UsageTotal Devices, UsageTotal Peak, UsageTotal LateStart, UsageTotal Replayed);
}
