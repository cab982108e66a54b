using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Billing.Storage.Emulator;
using Spectre.Console;

namespace Billing.IngestBenchmark;

/// <summary>
/// <c>settle [customers]</c>: settlement end to end. Azurite in memory and the Release host on a simulated clock;
/// a UTC catalog with three meters (sum with graduated tiers, count with packages, max with volume tiers) and a
/// flat fee; the customers and a month of usage for each (posted through the webhook and metered); then the clock
/// is advanced past the month's settlement instant and the time until every invoice is rated, numbered, rendered
/// (PDF and HTML), stored and emailed to the outbox is measured. Prints invoices/s and the host's peak memory.
/// </summary>
internal static class SettlementBenchmark
{
    internal const string AdminKey = "bench-admin-key";
    internal const string IngestKey = "bench-ingest-key";
    internal const string Catalog = """
        {"timezone":"UTC","currency":"USD",
         "meters":[{"code":"calls","aggregation":"sum","property":"quantity"},{"code":"sessions","aggregation":"count"},{"code":"qps","aggregation":"max","property":"qps"}],
         "plans":[{"code":"std","period":"month","paymentTermsDays":30,"charges":[
           {"code":"calls","meter":"calls","model":"graduated","tiers":[{"upTo":"10000","unitPrice":"0.01"},{"upTo":null,"unitPrice":"0.005"}]},
           {"code":"sessions","meter":"sessions","model":"package","packageSize":"10","packagePrice":"1.00"},
           {"code":"qps","meter":"qps","model":"volume","tiers":[{"upTo":"10","unitPrice":"2"},{"upTo":null,"unitPrice":"1.5"}]},
           {"code":"platform","model":"flat","amount":"20.00"}],
           "freeQuota":[{"meter":"calls","quantity":"1000","per":"period"}]}]}
        """;

    public static async Task<int> RunAsync(int customers, int eventsPerMeter, CancellationToken ct)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: ct);
        await using var requests = new OtlpRequestCounter(LoopbackPorts.Free(), "billing.storage.requests");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing__AdminKey"] = AdminKey,
            ["Billing__IngestKeys__0"] = IngestKey,
            ["Billing__Clock"] = "simulated",
            ["Billing__ClockStart"] = start.ToString("O", CultureInfo.InvariantCulture),
            ["Billing__MaxEventAgeDays"] = "400",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Warning",

            // The host's storage request counter, exported to this process every half second.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = requests.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        await using var host = await HostRunner.StartAsync(HostRunner.LocateDll(), environment, ct);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromHours(1) };
        http.DefaultRequestHeaders.Add("x-admin-key", AdminKey);

        var phase = Stopwatch.StartNew();
        await SendAsync(http, HttpMethod.Put, "api/manage/catalog", Catalog, ct);
        var ids = Enumerable.Range(0, customers).Select(i => $"c{i:D5}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
            await SendAsync(http, HttpMethod.Put, $"api/manage/customers/{id}", $$"""{"plan":"std","name":"{{id}}","email":"{{id}}@bench.test","startsAt":"2026-01-01T00:00:00Z","taxRate":"0.06"}""", token));

        Phase("customers created", phase);

        // A month of usage: up to 10 events per meter and customer, on days 3 apart in January, posted on Jan 31 in 1,000-event batches.
        await SendAsync(http, HttpMethod.Post, "api/manage/clock/advance", """{"to":"2026-01-31T12:00:00Z"}""", ct);
        var events = ids.SelectMany(id => Enumerable.Range(0, eventsPerMeter).SelectMany(n => Usage(id, n, start.AddDays(n * 3).AddHours(5)))).ToList();
        foreach (var chunk in events.Chunk(1000))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/usage") { Content = new StringContent("{\"events\":[" + string.Join(',', chunk) + "]}", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IngestKey);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        }

        Phase("usage posted", phase);
        await SendAsync(http, HttpMethod.Post, "api/manage/clock/advance", """{"to":"2026-02-01T01:59:00Z"}""", ct);
        Phase("usage metered, clock at 01:59", phase);
        var requestsBefore = await requests.NextTotalAsync(ct);
        var watch = Stopwatch.StartNew();
        await SendAsync(http, HttpMethod.Post, "api/manage/clock/advance", """{"to":"2026-02-01T02:00:00Z"}""", ct);
        watch.Stop();
        var requestsDuring = await requests.NextTotalAsync(ct) - requestsBefore;

        // Counted in the container itself: the admin listing stops at 5,000.
        var emails = 0;
        await foreach (var blob in Billing.Storage.StorageAccount.FromConnectionString(azurite.ConnectionString).GetBlobContainerClient("outbox").GetBlobsAsync("invoice/", ct))
        {
            emails += blob.Name.EndsWith(".eml", StringComparison.Ordinal) ? 1 : 0;
        }

        var table = new Table().AddColumns("Measure", "Value");
        table.AddRow("Customers (invoices expected)", customers.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Usage events metered before settlement", events.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Emails in the outbox (one per invoice)", emails.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Settlement wall time", watch.Elapsed.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        table.AddRow("[bold]Invoices per second[/]", (customers / watch.Elapsed.TotalSeconds).ToString("N1", CultureInfo.InvariantCulture));
        table.AddRow("Storage requests during settlement (per invoice)", string.Create(CultureInfo.InvariantCulture, $"{requestsDuring:N0} ({(double)requestsDuring / customers:0.0})"));
        table.AddRow("Host peak memory (VmHWM)", PeakMemory(host.ProcessId));
        AnsiConsole.Write(table);
        return emails >= customers ? 0 : 1;
    }

    internal static void Phase(string what, Stopwatch phase)
    {
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "{0} [grey]({1:0.0} s)[/]", what, phase.Elapsed.TotalSeconds);
        phase.Restart();
    }

    internal static IEnumerable<string> Usage(string id, int n, DateTimeOffset at)
    {
        var when = at.ToString("O", CultureInfo.InvariantCulture);
        yield return $$$"""{"id":"{{{id}}}-c{{{n}}}","customer":"{{{id}}}","meter":"calls","at":"{{{when}}}","properties":{"quantity":{{{500 + (n * 37)}}}}}""";
        yield return $$"""{"id":"{{id}}-s{{n}}","customer":"{{id}}","meter":"sessions","at":"{{when}}"}""";
        yield return $$$"""{"id":"{{{id}}}-q{{{n}}}","customer":"{{{id}}}","meter":"qps","at":"{{{when}}}","properties":{"qps":{{{5 + (n % 9)}}}}}""";
    }

    internal static string PeakMemory(int pid)
    {
        var status = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "status");
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? "n/a" : line["VmHWM:".Length..].Trim();
    }

    internal static async Task SendAsync(HttpClient http, HttpMethod method, string path, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
