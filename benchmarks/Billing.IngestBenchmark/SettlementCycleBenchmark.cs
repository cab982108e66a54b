using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using Billing.Storage.Emulator;
using Spectre.Console;

namespace Billing.IngestBenchmark;

/// <summary>
/// <c>cycle [customers] [events per meter] [--batch-size N] [--host-setting Name=Value]</c>: settlement by the
/// <c>SettlementCycle</c> orchestration on the system clock. Azurite in memory and the Release host; the catalog and
/// usage of <see cref="SettlementBenchmark"/>, for November 2026 (customers start on Nov 1), posted and metered while
/// the settlement schedule never fires; then the host is stopped (SIGTERM) and started again with a schedule that fires
/// once, 30 s later, and the time from that instant until the cycle's instance completes is measured. Prints invoices/s,
/// the host's storage requests per invoice (its OTLP counter) split by service, resource and operation, the idle
/// requests per second before the cycle, and the host's and Azurite's CPU time per invoice. Runs on the real clock, so
/// November must have ended (the workload's period is fixed).
/// </summary>
internal static class SettlementCycleBenchmark
{
    private const string HubInstances = "BillingHubInstances";

    public static async Task<int> RunAsync(int customers, int eventsPerMeter, int batchSize, IReadOnlyList<string> hostSettings, CancellationToken ct)
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: ct);
        await using var requests = new OtlpRequestCounter(LoopbackPorts.Free(), "billing.storage.requests");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing__AdminKey"] = SettlementBenchmark.AdminKey,
            ["Billing__IngestKeys__0"] = SettlementBenchmark.IngestKey,
            ["Billing__MaxEventAgeDays"] = "400",
            ["Billing__SettlementBatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),

            // Never during setup (January 1st); the second host gets a schedule that fires once.
            ["Billing__SettlementSchedule"] = "0 0 0 1 1 *",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Billing.Application.Ingestion.UsageBatchMetering"] = "Information",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = requests.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        foreach (var setting in hostSettings)
        {
            var at = setting.IndexOf('=', StringComparison.Ordinal);
            environment[setting[..at]] = setting[(at + 1)..];
        }

        var phase = Stopwatch.StartNew();
        var ids = Enumerable.Range(0, customers).Select(i => $"c{i:D5}").ToList();
        var events = ids.SelectMany(id => Enumerable.Range(0, eventsPerMeter).SelectMany(n => SettlementBenchmark.Usage(id, n, start.AddDays(n * 3).AddHours(5)))).ToList();
        await using (var setup = await HostRunner.StartAsync(HostRunner.LocateDll(), environment, ct))
        {
            using var http = Client(setup);
            await SettlementBenchmark.SendAsync(http, HttpMethod.Put, "api/manage/catalog", SettlementBenchmark.Catalog, ct);
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
                await SettlementBenchmark.SendAsync(http, HttpMethod.Put, $"api/manage/customers/{id}", $$"""{"plan":"std","name":"{{id}}","email":"{{id}}@bench.test","startsAt":"2026-11-01T00:00:00Z","taxRate":"0.06"}""", token));
            SettlementBenchmark.Phase("customers created", phase);
            foreach (var chunk in events.Chunk(1000))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/usage") { Content = new StringContent("{\"events\":[" + string.Join(',', chunk) + "]}", Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SettlementBenchmark.IngestKey);
                using var response = await http.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
            }

            SettlementBenchmark.Phase("usage posted", phase);
            while (setup.MeteredEvents < events.Count)
            {
                await Task.Delay(500, ct);
            }

            SettlementBenchmark.Phase("usage metered", phase);
            await setup.StopAsync();
            SettlementBenchmark.Phase("setup host stopped", phase);
        }

        // The cycle's instant: whole seconds, far enough ahead for the host to start and take its leases.
        var fireAt = DateTimeOffset.UtcNow.AddSeconds(30);
        fireAt = fireAt.AddTicks(-(fireAt.Ticks % TimeSpan.TicksPerSecond));
        environment["Billing__SettlementSchedule"] = fireAt.ToString("s m H d M '*'", CultureInfo.InvariantCulture);
        await using var host = await HostRunner.StartAsync(HostRunner.LocateDll(), environment, ct);
        using var azuriteProcess = Process.GetProcessById(azurite.ProcessId);
        SettlementBenchmark.Phase($"host started again, cycle at {fireAt:HH:mm:ss}", phase);
        if (DateTimeOffset.UtcNow > fireAt.AddSeconds(-5))
        {
            throw new InvalidOperationException("the host started too late for the cycle's instant; run again");
        }

        var idleFrom = await requests.NextTotalAsync(ct);
        var idleWatch = Stopwatch.StartNew();
        await Task.Delay(fireAt - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(2), ct);
        var before = await requests.NextBreakdownAsync(ct);
        var idlePerSecond = (before.Values.Sum() - idleFrom) / idleWatch.Elapsed.TotalSeconds;
        var (hostCpu, azuriteCpu) = (host.CpuTime, azuriteProcess.TotalProcessorTime);
        await Task.Delay(fireAt - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, ct);
        var watch = Stopwatch.StartNew();
        var instances = new TableClient(azurite.ConnectionString, HubInstances);
        string status;
        var progressAt = TimeSpan.FromSeconds(30);
        while (true)
        {
            (status, var progress) = await CycleStatusAsync(instances, ct);
            if (watch.Elapsed > progressAt)
            {
                // A long run reports as it goes, so a run cut short still gives a rate.
                var sofar = requests.Latest.Total - before.Values.Sum();
                AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:0} s: {1}, {2:N0} storage requests, host CPU {3:0.0} s, Azurite CPU {4:0.0} s[/]", watch.Elapsed.TotalSeconds, Markup.Escape(progress), sofar, (host.CpuTime - hostCpu).TotalSeconds, (azuriteProcess.TotalProcessorTime - azuriteCpu).TotalSeconds);
                progressAt += TimeSpan.FromSeconds(30);
            }

            if (status is "Completed" or "Failed" or "Terminated")
            {
                break;
            }

            if (host.HasExited)
            {
                throw new InvalidOperationException($"the host exited during the cycle:\n{host.RecentOutput}");
            }

            await Task.Delay(200, ct);
        }

        watch.Stop();
        (hostCpu, azuriteCpu) = (host.CpuTime - hostCpu, azuriteProcess.TotalProcessorTime - azuriteCpu);
        var after = await requests.NextBreakdownAsync(ct);
        var during = after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key));
        var total = during.Values.Sum();

        // What the cycle left running (dunning orchestrations' first steps) until the host is back to its idle rate.
        var settling = Stopwatch.StartNew();
        var (lastTotal, lastAt) = (after.Values.Sum(), settling.Elapsed);
        var quietFor = 0;
        while (quietFor < 3 && settling.Elapsed < TimeSpan.FromMinutes(5))
        {
            var now = await requests.NextTotalAsync(ct);
            var rate = (now - lastTotal) / (settling.Elapsed - lastAt).TotalSeconds;
            quietFor = rate <= (idlePerSecond * 1.5) + 2 ? quietFor + 1 : 0;
            (lastTotal, lastAt) = (now, settling.Elapsed);
        }

        var quiet = await requests.NextBreakdownAsync(ct);
        var untilQuiet = quiet.Values.Sum() - before.Values.Sum() - (long)(idlePerSecond * settling.Elapsed.TotalSeconds);

        var emails = 0;
        await foreach (var blob in Billing.Storage.StorageAccount.FromConnectionString(azurite.ConnectionString).GetBlobContainerClient("outbox").GetBlobsAsync("invoice/", ct))
        {
            emails += blob.Name.EndsWith(".eml", StringComparison.Ordinal) ? 1 : 0;
        }

        var invoices = Math.Max(emails, 1);
        var table = new Table().AddColumns("Measure", "Value");
        table.AddRow("Customers (invoices expected)", customers.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Batch size", batchSize.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Usage events metered before settlement", events.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Cycle status", status);
        table.AddRow("Emails in the outbox (one per invoice)", emails.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Cycle wall time (from the scheduled instant)", watch.Elapsed.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        table.AddRow("[bold]Invoices per second[/]", (emails / watch.Elapsed.TotalSeconds).ToString("N1", CultureInfo.InvariantCulture));
        table.AddRow("[bold]Storage requests per invoice[/]", string.Create(CultureInfo.InvariantCulture, $"{(double)total / invoices:0.0} ({total:N0})"));
        table.AddRow("Storage requests per invoice until the host is idle again (idle rate after the cycle subtracted)", string.Create(CultureInfo.InvariantCulture, $"{(double)untilQuiet / invoices:0.0} ({settling.Elapsed.TotalSeconds:0} s after the cycle)"));
        table.AddRow("Idle storage requests per second before the cycle", idlePerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("Host CPU per invoice", string.Create(CultureInfo.InvariantCulture, $"{hostCpu.TotalMilliseconds / invoices:0.0} ms ({hostCpu.TotalSeconds:0.0} s)"));
        table.AddRow("Azurite CPU per invoice", string.Create(CultureInfo.InvariantCulture, $"{azuriteCpu.TotalMilliseconds / invoices:0.0} ms ({azuriteCpu.TotalSeconds:0.0} s)"));
        table.AddRow("Host peak memory (VmHWM)", SettlementBenchmark.PeakMemory(host.ProcessId));
        AnsiConsole.Write(table);

        var split = new Table().AddColumns("Service", "Resource", "Operation", "Requests", "Per invoice");
        foreach (var (key, count) in during.Where(p => p.Value > 0).OrderByDescending(p => p.Value))
        {
            var parts = key.Split(' ');
            split.AddRow(parts[0], parts[1].Length == 0 ? "(account)" : parts[1], parts[2], count.ToString("N0", CultureInfo.InvariantCulture), ((double)count / invoices).ToString("0.00", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(split);
        var later = new Table().AddColumns("After the cycle: service", "Resource", "Operation", "Requests", "Per invoice");
        foreach (var (key, count) in quiet.Select(p => (p.Key, p.Value - after.GetValueOrDefault(p.Key))).Where(p => p.Item2 > 0).OrderByDescending(p => p.Item2).Take(15))
        {
            var parts = key.Split(' ');
            later.AddRow(parts[0], parts[1].Length == 0 ? "(account)" : parts[1], parts[2], count.ToString("N0", CultureInfo.InvariantCulture), ((double)count / invoices).ToString("0.00", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(later);
        return status == "Completed" && emails >= customers ? 0 : 1;
    }

    private static HttpClient Client(HostRunner host)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromHours(1) };
        http.DefaultRequestHeaders.Add("x-admin-key", SettlementBenchmark.AdminKey);
        return http;
    }

    /// <summary>The runtime and custom status of the settlement cycle's instance, read from the task hub's instances table (the benchmark's own request, not the host's).</summary>
    private static async Task<(string Status, string Progress)> CycleStatusAsync(TableClient instances, CancellationToken ct)
    {
        try
        {
            await foreach (var row in instances.QueryAsync<TableEntity>("Name eq 'SettlementCycle'", select: ["RuntimeStatus", "CustomStatus"], cancellationToken: ct))
            {
                return (row.GetString("RuntimeStatus") ?? "", row.GetString("CustomStatus") ?? "");
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The task hub's table is created by the host.
        }

        return ("", "");
    }
}
