using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Billing.Storage;
using Billing.Storage.Usage;

namespace Billing.IngestBenchmark;

/// <summary>What the posting clients and the aggregate read-back measured.</summary>
internal sealed record IngestFigures(
    long Sent,
    long Accepted,
    int FailedRequests,
    TimeSpan PostingTime,
    TimeSpan VisibleTime,
    bool AllVisible,
    TimeSpan? HostReportedTime,
    double[] LatenciesMs,
    int ReadBacks);

/// <summary>What posting the workload a second time measured: every event a repeat, metered when the queue is empty.</summary>
internal sealed record RepeatFigures(long Sent, long Accepted, int FailedRequests, TimeSpan PostingTime, TimeSpan DrainedTime, bool Drained, bool TotalsUnchanged);

/// <summary>
/// Posts the workload's bodies from <see cref="BenchmarkOptions.Clients"/> concurrent clients (each takes the next
/// body; one keep-alive connection per client) and, at the same time, reads the month rollups (what every reader of
/// aggregates sees; written after the events and hour rows) back with the storage client until every customer's and
/// meter's totals equal what was sent. The rollups are read
/// with one query over the usage table (Azurite evaluates every query against the whole table, so per-partition
/// reads would load it far more); it runs every second, and every 200 ms once the host's log says it metered them all.
/// </summary>
internal sealed class IngestRun(BenchmarkOptions options, Workload workload, HostRunner host, IStorageAccount storage, string ingestKey)
{
    private const string UsageTable = "usage";

    public long Posted => Volatile.Read(ref posted);

    private long posted;

    public async Task<IngestFigures> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var visibility = WatchAggregatesAsync(clock, watchStop.Token);
        var (accepted, failed, latencies) = await PostAllAsync(ct);
        var postingTime = clock.Elapsed;
        if (failed > 0)
        {
            await watchStop.CancelAsync();
        }

        var (visibleTime, allVisible, hostTime, readBacks) = await visibility;
        return new IngestFigures(workload.TotalEvents, accepted, failed, postingTime, visibleTime, allVisible, hostTime, latencies, readBacks);
    }

    /// <summary>
    /// Posts every body once more (each event now a repeat), waits until the metering queue is empty (the queue's approximate
    /// count, which includes messages being processed), and checks the aggregates still equal what was sent once.
    /// </summary>
    public async Task<RepeatFigures> RepeatAsync(CancellationToken ct)
    {
        Volatile.Write(ref posted, 0);
        var clock = Stopwatch.StartNew();
        var (accepted, failed, _) = await PostAllAsync(ct);
        var postingTime = clock.Elapsed;
        var queue = storage.GetQueueClient("usage-batches");
        var empty = false;
        while (!(empty = await queue.GetApproximateMessagesCountAsync(ct) == 0) && clock.Elapsed < options.Timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        var drainedTime = clock.Elapsed;

        // A batch that kept failing ends in the poison queue, which also empties the queue: that is not metered.
        var poisoned = await storage.GetQueueClient("usage-batches-poison").GetApproximateMessagesCountAsync(ct) > 0;
        var unchanged = await MatchesAsync(storage.GetTableClient(UsageTable), ct);
        return new RepeatFigures(workload.TotalEvents, accepted, failed, postingTime, drainedTime, empty && !poisoned, unchanged);
    }

    /// <summary>Posts every body from <see cref="BenchmarkOptions.Clients"/> concurrent clients; returns the accepted events, failed requests and each request's latency.</summary>
    private async Task<(long Accepted, int Failed, double[] LatenciesMs)> PostAllAsync(CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var latencies = new double[workload.Bodies.Count];
        var accepted = 0L;
        var failed = 0;
        var next = -1;
        var clients = Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < workload.Bodies.Count)
            {
                using var content = new ByteArrayContent(workload.Bodies[index]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/usage") { Content = content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    using var answer = JsonDocument.Parse(text);
                    Interlocked.Add(ref accepted, answer.RootElement.GetProperty("queued").GetInt64());
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine($"batch {index}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                }

                Interlocked.Add(ref posted, workload.Sizes[index]);
            }
        }, ct)).ToList();
        await Task.WhenAll(clients);
        return (accepted, failed, latencies);
    }

    /// <summary>Events visible in the aggregate rows at the last read-back.</summary>
    public long Visible => Volatile.Read(ref visible);

    private long visible;

    private async Task<(TimeSpan Elapsed, bool AllVisible, TimeSpan? HostReported, int ReadBacks)> WatchAggregatesAsync(Stopwatch clock, CancellationToken ct)
    {
        var table = storage.GetTableClient(UsageTable);
        var lastRead = TimeSpan.Zero;
        TimeSpan? hostReported = null;
        var readBacks = 0;
        try
        {
            while (clock.Elapsed < options.Timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
                if (hostReported is null && host.MeteredEvents >= workload.TotalEvents)
                {
                    hostReported = clock.Elapsed;
                }

                var interval = hostReported is null ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(200);
                if (clock.Elapsed - lastRead < interval)
                {
                    continue;
                }

                lastRead = clock.Elapsed;
                readBacks++;
                if (await MatchesAsync(table, ct))
                {
                    return (clock.Elapsed, true, hostReported, readBacks);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // A posting failure ends the wait: the totals can never match.
        }

        return (clock.Elapsed, false, hostReported, readBacks);
    }

    private async Task<bool> MatchesAsync(Billing.Storage.Tables.ITableClient table, CancellationToken ct)
    {
        var seen = new Dictionary<(string, string), (decimal Sum, long Count)>();
        try
        {
            await foreach (var row in table.QueryAsync("RowKey ge '2' and RowKey lt '3'", cancellationToken: ct))
            {
                if (!row.PartitionKey.EndsWith("|months", StringComparison.Ordinal))
                {
                    continue;
                }

                var parts = row.PartitionKey.Split('|');
                var key = (parts[0], parts[1]);
                var month = DateOnly.ParseExact(row.RowKey[..6] + "01", "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                foreach (var usage in MonthRollup.Read(row, month.Year, month.Month).Slots.Values)
                {
                    var total = seen.GetValueOrDefault(key);
                    seen[key] = (total.Sum + usage.Sum + usage.LateSum, total.Count + usage.Count + usage.LateCount);
                }
            }
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            return false;
        }

        Volatile.Write(ref visible, seen.Values.Sum(v => v.Count));
        return workload.Expected.All(e => seen.TryGetValue(e.Key, out var got) && got == e.Value) && seen.Count == workload.Expected.Count;
    }
}
