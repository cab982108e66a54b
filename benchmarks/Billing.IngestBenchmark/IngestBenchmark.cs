using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Billing.Storage;
using Billing.Storage.Emulator;
using Spectre.Console;

namespace Billing.IngestBenchmark;

/// <summary>
/// One run: Azurite in memory; reference (a) and (b) against it; the Release host on a free loopback port with the
/// benchmark catalog and customers; the workload posted and read back; reference (a) once more; then every child
/// process stopped and checked gone. Prints the figures as a table.
/// </summary>
internal static class IngestBenchmark
{
    private const string AdminKey = "bench-admin-key";
    private const string IngestKey = "bench-ingest-key";

    public static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var dll = HostRunner.LocateDll();
        var loadBefore = LoadAverage();
        AnsiConsole.MarkupLine(Inv($"Workload: [bold]{options.Events:N0}[/] events in batches of {options.BatchSize:N0}, {options.Customers:N0} customers × 2 sum meters{(options.Mixed ? ", every batch spread over all customers" : ", one customer per batch")}, {options.Clients} clients, {options.Shards} shards"));
        AnsiConsole.MarkupLine(Inv($"Machine: {Environment.ProcessorCount} CPUs, load average {Markup.Escape(loadBefore)}"));

        var pids = new List<(string Name, int Pid)>();
        AzuriteProcess? azurite = null;
        HostRunner? host = null;
        await using var requests = new OtlpRequestCounter(LoopbackPorts.Free(), "billing.storage.requests");
        try
        {
            azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { Log = line => AnsiConsole.MarkupLine(Markup.Escape(line)) }, ct);
            pids.Add(("azurite", azurite.ProcessId));
            var storage = StorageAccount.FromConnectionString(azurite.ConnectionString);

            double ceiling = 0, naive = 0, ceilingAfter = 0;
            await Step(options, "(a) transactions of 100", options.ReferenceEntities, async report =>
                ceiling = await ReferenceRates.TransactionsAsync(storage, "refegt", options.ReferenceEntities, options.Clients, report, ct));
            await Step(options, "(b) one insert per event", options.NaiveInserts, async report =>
                naive = await ReferenceRates.SingleInsertsAsync(storage, "refnaive", options.NaiveInserts, options.Clients, report, ct));

            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Billing__AdminKey"] = AdminKey,
                ["Billing__IngestKeys__0"] = IngestKey,
                ["Billing__UsageShards"] = options.Shards.ToString(CultureInfo.InvariantCulture),
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",

                // The host's storage request counter, exported to this process every half second.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = requests.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            };
            foreach (var (name, value) in options.HostSettings)
            {
                environment[name] = value;
            }

            host = await HostRunner.StartAsync(dll, environment, ct);
            pids.Add(("host", host.ProcessId));
            AnsiConsole.MarkupLine(Inv($"Host (pid {host.ProcessId}) on {host.BaseAddress}"));
            await SetUpAsync(host.BaseAddress, options, ct);

            var workload = Workload.Create(options, DateTimeOffset.UtcNow);
            var run = new IngestRun(options, workload, host, storage, IngestKey);
            var requestsBefore = await requests.NextSnapshotAsync(ct);
            var cpuBefore = (Azurite: CpuSeconds(azurite.ProcessId), Host: CpuSeconds(host.ProcessId));
            var figures = await WithProgressAsync(options, workload, host, run, ct);
            var passes = host.Passes;
            var requestsAfter = await requests.NextSnapshotAsync(ct);
            var requestsDuring = requestsAfter.Total - requestsBefore.Total;
            var cpu = (Azurite: CpuSeconds(azurite.ProcessId) - cpuBefore.Azurite, Host: CpuSeconds(host.ProcessId) - cpuBefore.Host);
            RepeatFigures? repeat = null;
            (double Azurite, double Host) repeatCpu = default;
            if (options.Repeat && figures.AllVisible)
            {
                AnsiConsole.MarkupLine("posting every batch again (all repeats) ...");
                var before = (Azurite: CpuSeconds(azurite.ProcessId), Host: CpuSeconds(host.ProcessId));
                repeat = await run.RepeatAsync(ct);
                repeatCpu = (CpuSeconds(azurite.ProcessId) - before.Azurite, CpuSeconds(host.ProcessId) - before.Host);
            }

            var hostFailures = host.Failures;

            await Step(options, "(a) again, after the run", options.ReferenceEntities, async report =>
                ceilingAfter = await ReferenceRates.TransactionsAsync(storage, "refegtafter", options.ReferenceEntities, options.Clients, report, ct));
            var loadAfter = LoadAverage();

            await host.DisposeAsync();
            await azurite.DisposeAsync();
            var leftovers = pids.Where(p => Directory.Exists(Inv($"/proc/{p.Pid}"))).ToList();
            Report(options, figures, ceiling, ceilingAfter, naive, hostFailures, cpu, loadBefore, loadAfter, leftovers, repeat, repeatCpu);
            AnsiConsole.MarkupLine(Inv($"Storage requests sent by the host from the first post until the totals matched (idle queue polls included): [bold]{requestsDuring:N0}[/], {(double)requestsDuring / Math.Max(1, figures.Accepted):F3} per accepted event"));
            ReportRequests(requestsBefore.ByAttributes, requestsAfter.ByAttributes, figures.Accepted);
            AnsiConsole.MarkupLine(passes.Passes == 0
                ? "Metering passes: not logged by this host"
                : Inv($"Metering passes: [bold]{passes.Passes:N0}[/], on average {(double)passes.Batches / passes.Passes:F1} batches, {(double)passes.Events / passes.Passes:N0} events and {(double)passes.Partitions / passes.Passes:N0} partitions each ({(double)passes.Events / passes.Partitions:F1} events per partition)"));
            var repeatOk = repeat is null || (repeat.Drained && repeat.TotalsUnchanged && repeat.FailedRequests == 0);
            return figures.AllVisible && figures.FailedRequests == 0 && leftovers.Count == 0 && repeatOk ? 0 : 1;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    private static async Task SetUpAsync(Uri baseAddress, BenchmarkOptions options, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await SendAsync(http, HttpMethod.Put, "api/manage/catalog", Workload.CatalogJson, [HttpStatusCode.OK, HttpStatusCode.Created], ct);
        var startsAt = DateTimeOffset.UtcNow.Date.AddDays(-60);
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Customers), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (c, token) =>
        {
            var id = Inv($"bench-{c:D4}");
            await SendAsync(http, HttpMethod.Put, $"api/manage/customers/{id}", Workload.CustomerJson(id, startsAt), [HttpStatusCode.OK, HttpStatusCode.Created], token);
        });
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string json, HttpStatusCode[] expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-admin-key", AdminKey);
        using var response = await http.SendAsync(request, ct);
        if (!expected.Contains(response.StatusCode))
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private static async Task Step(BenchmarkOptions options, string name, int total, Func<Action<int>, Task> step)
    {
        if (!options.Progress)
        {
            AnsiConsole.MarkupLine(Markup.Escape(name) + " ...");
            await step(_ => { });
            return;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: total);
                await step(done => task.Value = done);
                task.Value = total;
            });
    }

    private static async Task<IngestFigures> WithProgressAsync(BenchmarkOptions options, Workload workload, HostRunner host, IngestRun run, CancellationToken ct)
    {
        if (!options.Progress)
        {
            AnsiConsole.MarkupLine("posting and metering ...");
            return await run.RunAsync(ct);
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var postedTask = context.AddTask("accepted (HTTP)", maxValue: workload.TotalEvents);
                var meteredTask = context.AddTask("metered (host log)", maxValue: workload.TotalEvents);
                var visibleTask = context.AddTask("visible in aggregates", maxValue: workload.TotalEvents);
                var running = run.RunAsync(ct);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(200, ct));
                    postedTask.Value = run.Posted;
                    meteredTask.Value = host.MeteredEvents;
                    visibleTask.Value = run.Visible;
                }

                return await running;
            });
    }

    private static void Report(
        BenchmarkOptions options,
        IngestFigures f,
        double ceiling,
        double ceilingAfter,
        double naive,
        int hostFailures,
        (double Azurite, double Host) cpu,
        string loadBefore,
        string loadAfter,
        List<(string Name, int Pid)> leftovers,
        RepeatFigures? repeat,
        (double Azurite, double Host) repeatCpu)
    {
        var latencies = f.LatenciesMs.Order().ToArray();
        var accepted = f.Accepted / f.PostingTime.TotalSeconds;
        var metered = f.AllVisible ? f.Sent / f.VisibleTime.TotalSeconds : double.NaN;
        var reference = (ceiling + ceilingAfter) / 2;
        var table = new Table().AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned()).AddColumn("Note");
        table.AddRow("Events sent / accepted", Inv($"{f.Sent:N0} / {f.Accepted:N0}"), Inv($"{latencies.Length:N0} requests, {f.FailedRequests} failed"));
        table.AddRow("Accepted events/s (HTTP)", Inv($"{accepted:N0}"), Inv($"all accepted after {f.PostingTime.TotalSeconds:F2} s"));
        table.AddRow("[bold]Metered events/s (visible in aggregates)[/]", f.AllVisible ? Inv($"[bold]{metered:N0}[/]") : "[red]not all visible[/]",
            Inv($"totals equal after {f.VisibleTime.TotalSeconds:F2} s ({f.ReadBacks} read-backs); host log: {(f.HostReportedTime is { } t ? Inv($"{t.TotalSeconds:F2} s") : "-")}"));
        table.AddRow("Request latency p50 / p99 / max", Inv($"{Percentile(latencies, 0.50):N0} / {Percentile(latencies, 0.99):N0} / {latencies.LastOrDefault():N0} ms"), "per 1,000-event request".Replace("1,000", options.BatchSize.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        table.AddRow("(a) raw transactions of 100, entities/s", Inv($"{ceiling:N0} / {ceilingAfter:N0}"), "before / after the run; ratio uses the mean");
        table.AddRow("(b) one insert per event, events/s", Inv($"{naive:N0}"), Inv($"{options.Clients} at a time"));
        table.AddRow("[bold]metered / (a)[/]", Inv($"[bold]{metered / reference:P0}[/]"), Mark(metered / reference >= 0.8, "target >= 80 %"));
        table.AddRow("[bold]metered / (b)[/]", Inv($"[bold]{metered / naive:F1}x[/]"), Mark(metered / naive >= 20, "target >= 20x"));
        table.AddRow("CPU used while posting and metering", Inv($"Azurite {cpu.Azurite:F1} s, host {cpu.Host:F1} s"), Inv($"over {f.VisibleTime.TotalSeconds:F1} s of wall time"));
        if (repeat is not null)
        {
            table.AddRow(
                "[bold]Repeats metered/s (queue drained)[/]",
                Inv($"[bold]{repeat.Sent / repeat.DrainedTime.TotalSeconds:N0}[/]"),
                Inv($"{repeat.Sent:N0} repeats posted in {repeat.PostingTime.TotalSeconds:F2} s, {(repeat.Drained ? "queue empty" : "[red]queue NOT drained (timeout or poisoned batches)[/]")} after {repeat.DrainedTime.TotalSeconds:F2} s; totals {(repeat.TotalsUnchanged ? "unchanged" : "[red]CHANGED[/]")}"));
            table.AddRow("CPU used by the repeats", Inv($"Azurite {repeatCpu.Azurite:F1} s, host {repeatCpu.Host:F1} s"), repeat.FailedRequests == 0 ? string.Empty : Inv($"[red]{repeat.FailedRequests} requests failed[/]"));
        }

        table.AddRow("Queue runs that failed (retried)", Inv($"{hostFailures}"), string.Empty);
        table.AddRow("Load average before / after", Markup.Escape(loadBefore + " / " + loadAfter), string.Empty);
        table.AddRow("Child processes left", leftovers.Count == 0 ? "none" : Markup.Escape(string.Join(", ", leftovers.Select(l => Inv($"{l.Name} {l.Pid}")))), "azurite and host pids checked in /proc");
        AnsiConsole.Write(table);
    }

    /// <summary>The storage requests of the run by service, method and status, most first, each per 1,000 accepted events.</summary>
    private static void ReportRequests(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, long accepted)
    {
        var table = new Table().AddColumn("Storage requests (service, method, status)").AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Per 1,000 events").RightAligned());
        foreach (var (label, count) in after.Select(a => (a.Key, a.Value - before.GetValueOrDefault(a.Key))).Where(a => a.Item2 > 0).OrderByDescending(a => a.Item2))
        {
            table.AddRow(Markup.Escape(label), Inv($"{count:N0}"), Inv($"{count * 1000.0 / Math.Max(1, accepted):F2}"));
        }

        AnsiConsole.Write(table);
    }

    private static string Mark(bool met, string target) => met ? $"[green]met[/] ({Markup.Escape(target)})" : $"[red]missed[/] ({Markup.Escape(target)})";

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>User plus system CPU time of a process, from /proc (0 where that is not available).</summary>
    private static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText(Inv($"/proc/{pid}/stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
