using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Application.Ingestion;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Imports;

/// <summary>Usage files dropped in <c>usage-drop</c> are imported through the webhook's path, exactly once, with a report.</summary>
[Collection(HostCollection.Name)]
public sealed class UsageImportTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_100000_line_file_imports_exactly_and_bad_lines_are_reported_by_number()
    {
        var customer = TestCatalog.NewCustomerId("import");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddDays(-2));
        var at = UsageEvents.RecentInstant();
        var lines = Enumerable.Range(0, 100_000).Select(i => UsageEvents.Calls($"{customer}-{i}", customer, at.AddSeconds(-(i % 3000)), (i % 5) + 1)).ToList();
        lines[10] = "{not json";
        lines[20] = UsageEvents.Calls($"{customer}-neg", customer, at, -3m);
        lines[30] = UsageEvents.Calls($"{customer}-x", "nobody-at-all", at, 1m);
        lines[40] = UsageEvents.Calls($"{customer}-d", customer, at, 1m).Replace(UsageEvents.Timestamp(at), "yesterday", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n").ToList();
        bytes.AddRange([0xff, 0xfe, (byte)'\n']);
        var expected = Enumerable.Range(0, 100_000).Where(i => i is not (10 or 20 or 30 or 40)).Sum(i => (i % 5) + 1);

        await DropAsync(customer + ".jsonl", bytes.ToArray());
        var run = await AdminAsync(HttpMethod.Post, "api/manage/imports/run");
        Assert.Equal(HttpStatusCode.OK, run.Status);

        await Eventually.EqualAsync((decimal)expected, async () => (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value, TimeSpan.FromSeconds(90));
        var report = await ReportAsync(customer + ".jsonl.report.json");
        Assert.Equal(100_001, report.GetProperty("lines").GetInt32());
        Assert.Equal(99_996, report.GetProperty("accepted").GetInt32());
        Assert.Equal(
            [(11, "not valid JSON"), (21, "negative quantity"), (31, "unknown customer"), (41, "bad timestamp"), (100_001, "not valid UTF-8")],
            report.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), Head(r.GetProperty("reason").GetString()!))));
        var left = await fixture.Storage.GetBlobContainerClient("usage-drop").GetBlobsAsync(customer).ToListAsync();
        Assert.Empty(left);

        // The same content under another name adds nothing; a changed file under its first name adds only its new events.
        await DropAsync(customer + "-copy.jsonl", bytes.ToArray());
        await DropAsync(customer + ".jsonl", Encoding.UTF8.GetBytes(UsageEvents.Calls($"{customer}-0", customer, at, 1m) + "\n" + UsageEvents.Calls($"{customer}-new", customer, at, 7m) + "\n"));
        await AdminAsync(HttpMethod.Post, "api/manage/imports/run");

        // Only once every queued batch (the copy's too) has been metered does the total show that the copy added nothing.
        var batches = fixture.Storage.GetQueueClient(UsageBatchSender.QueueName);
        await Eventually.EqualAsync(0, () => batches.GetApproximateMessagesCountAsync(), TimeSpan.FromSeconds(180), "usage batches not yet metered");
        Assert.Equal((decimal)expected + 7, (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value);
        var imports = (await AdminAsync(HttpMethod.Get, "api/manage/imports?limit=1000")).Json.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("file").GetString()!.StartsWith(customer, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, imports.Count);
        Assert.All(imports, i => Assert.Equal("imported", i.GetProperty("status").GetString()));
        var copy = await ReportAsync(customer + "-copy.jsonl.report.json");
        Assert.Equal(99_996, copy.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Files_that_cannot_be_imported_hold_no_other_back_and_many_long_rejections_are_reported_in_part()
    {
        var customer = TestCatalog.NewCustomerId("import-odd");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddDays(-2));
        var instant = UsageEvents.RecentInstant();
        var at = UsageEvents.Timestamp(instant);

        // 600 lines for a customer nobody created, each reason quoting its 250-character id, then one good line.
        var stranger = "x" + new string('u', 249);
        var many = Enumerable.Range(0, 600).Select(i => UsageEvents.Calls($"{customer}-u{i}", stranger, instant, 1m)).Append(UsageEvents.Calls($"{customer}-good", customer, instant, 5m));
        await DropAsync($"{customer}-many.jsonl", Encoding.UTF8.GetBytes(string.Join('\n', many) + "\n"));

        // A name too long to import (its report's name would be too), beside a CSV whose lines end with a lone CR.
        var tooLong = $"{customer}-{new string('L', 950)}.jsonl";
        await DropAsync(tooLong, Encoding.UTF8.GetBytes(UsageEvents.Calls($"{customer}-long", customer, instant, 100m) + "\n"));
        await DropAsync($"{customer}-cr.csv", Encoding.UTF8.GetBytes($"id,customer,meter,at,quantity\r{customer}-c1,{customer},api_calls,{at},2\r{customer}-c2,{customer},api_calls,{at},4\r"));

        // A file one byte over the hosts' limit, an event and then blank lines: not read at all.
        var tooLarge = $"{customer}-large.jsonl";
        var large = new byte[HostFixture.HostImportMaxFileBytes + 1];
        Array.Fill(large, (byte)'\n');
        Encoding.UTF8.GetBytes(UsageEvents.Calls($"{customer}-large", customer, instant, 1000m)).CopyTo(large, 0);
        await DropAsync(tooLarge, large);

        var run = await AdminAsync(HttpMethod.Post, "api/manage/imports/run");

        Assert.Equal(HttpStatusCode.OK, run.Status);
        await Eventually.EqualAsync(11m, async () => (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value);
        var report = await ReportAsync($"{customer}-many.jsonl.report.json");
        Assert.Equal((601, 1), (report.GetProperty("lines").GetInt32(), report.GetProperty("accepted").GetInt32()));
        var rejected = report.GetProperty("rejected").EnumerateArray().ToList();
        Assert.InRange(rejected.Count, 50, 599);
        Assert.All(rejected, r => Assert.True(r.GetProperty("reason").GetString()!.Length <= 201));
        Assert.Equal(2, (await ReportAsync($"{customer}-cr.csv.report.json")).GetProperty("accepted").GetInt32());

        // The long-named file and the large one wait in the drop folder, logged at every run, until renamed or split.
        var drop = fixture.Storage.GetBlobContainerClient("usage-drop");
        Assert.Equal(new[] { tooLarge, tooLong }.Order(StringComparer.Ordinal), (await drop.GetBlobsAsync(customer).ToListAsync()).Select(b => b.Name).Order(StringComparer.Ordinal));
        var imports = (await AdminAsync(HttpMethod.Get, "api/manage/imports?limit=1000")).Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("file").GetString());
        Assert.DoesNotContain(tooLarge, imports);
        Assert.Equal(11m, (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value);
        await drop.DeleteBlobIfExistsAsync(tooLong);
        await drop.DeleteBlobIfExistsAsync(tooLarge);
    }

    private static string Head(string reason) =>
        reason.Contains("JSON", StringComparison.Ordinal) ? "not valid JSON"
        : reason.Contains("negative", StringComparison.Ordinal) ? "negative quantity"
        : reason.Contains("unknown customer", StringComparison.Ordinal) ? "unknown customer"
        : reason.Contains("ISO 8601", StringComparison.Ordinal) ? "bad timestamp"
        : reason;

    private async Task DropAsync(string name, byte[] content)
    {
        var drop = fixture.Storage.GetBlobContainerClient("usage-drop");
        await drop.CreateIfNotExistsAsync();
        await drop.UploadBlobAsync(name, BinaryData.FromBytes(content));
    }

    private async Task<JsonElement> ReportAsync(string name)
    {
        var blob = await fixture.Storage.GetBlobContainerClient("usage-imported").DownloadContentAsync(name);
        return JsonDocument.Parse(blob.Content.ToString()).RootElement.Clone();
    }

    private async Task<ApiResponse> AdminAsync(HttpMethod method, string path)
    {
        using var request = fixture.Api.Request(method, path, method == HttpMethod.Post ? "{}" : null);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }

    [Fact]
    public async Task The_imports_are_listed_page_by_page_each_once()
    {
        var customer = TestCatalog.NewCustomerId("importpages");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddDays(-2));
        var at = UsageEvents.RecentInstant();
        var files = Enumerable.Range(0, 3).Select(i => $"{customer}-{i}.jsonl").ToList();
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            await DropAsync(file, Encoding.UTF8.GetBytes(UsageEvents.Calls($"{customer}-{i}", customer, at, 1m) + "\n"));
        }

        await RunImportAsync(fixture.Api);
        var listed = new List<string>();
        string? token = null;
        do
        {
            var page = (await AdminAsync(HttpMethod.Get, "api/manage/imports?limit=1" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)))).Json;
            // One report per file version: other tests drop a changed file under a name imported before.
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("file").GetString()! + "|" + i.GetProperty("sha256").GetString()).ToList();
            Assert.InRange(items.Count, 0, 1);
            listed.AddRange(items);
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null && listed.Count < 10_000);

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(files, listed.Select(f => f.Split('|')[0]).Where(f => f.StartsWith(customer + "-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Csv_files_import_through_a_named_column_mapping()
    {
        var customer = TestCatalog.NewCustomerId("csv");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddDays(-2));
        var instant = UsageEvents.RecentInstant();
        var at = UsageEvents.Timestamp(instant);

        // The default mapping: headers are the field names.
        await DropAsync($"{customer}.csv", Encoding.UTF8.GetBytes($"id,customer,meter,at,quantity\n{customer}-1,{customer},api_calls,{at},5\n{customer}-2,{customer},api_calls,{at},6,extra\n"));
        // The gateway mapping: its own headers, and ids derived from the request id and the time.
        await DropAsync($"gateway/{customer}.csv", Encoding.UTF8.GetBytes($"req,ts,tenant,api,calls\nr-1,{at},{customer},api_calls,7\n\"r-2\",{at},{customer},api_calls,8\n"));
        await AdminAsync(HttpMethod.Post, "api/manage/imports/run");

        await Eventually.EqualAsync(20m, async () => (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value);
        var report = await ReportAsync($"{customer}.csv.report.json");
        var rejection = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejection.GetProperty("line").GetInt32());
        Assert.Equal("has 6 columns, the header has 5", rejection.GetProperty("reason").GetString());
        using var events = JsonDocument.Parse((await fixture.Api.EventsAsync(customer, TestCatalog.Calls, instant)).Text);
        Assert.Contains(events.RootElement.EnumerateArray(), e => e.GetProperty("id").GetString() == "r-1@" + at);
    }

    [Fact]
    public async Task A_csv_file_with_a_byte_order_mark_crlf_and_line_breaks_in_quotes_imports_with_lines_numbered_as_in_the_file()
    {
        var customer = TestCatalog.NewCustomerId("csvquoted");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddDays(-2));
        var at = UsageEvents.Timestamp(UsageEvents.RecentInstant());
        var csv = $"id,customer,meter,at,quantity,note\r\n"
            + $"{customer}-1,{customer},api_calls,{at},4,\"first line\r\nsecond \"\"quoted\"\", with a comma\"\r\n"
            + $"\"{customer}-2\",{customer},api_calls,{at},-1,\r\n"
            + $"{customer}-3,{customer},api_calls,{at},5,\r\n";
        byte[] content = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)];

        await DropAsync($"{customer}.csv", content);
        await AdminAsync(HttpMethod.Post, "api/manage/imports/run");

        await Eventually.EqualAsync(9m, async () => (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value);
        var report = await ReportAsync($"{customer}.csv.report.json");
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        var rejection = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal((4, "negative quantity"), (rejection.GetProperty("line").GetInt32(), Head(rejection.GetProperty("reason").GetString()!)));
    }

    [Fact]
    public async Task Two_hosts_importing_at_once_import_each_file_once()
    {
        var customer = TestCatalog.NewCustomerId("twohosts");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddDays(-2));
        var at = UsageEvents.RecentInstant();
        var lines = Enumerable.Range(0, 5000).Select(i => UsageEvents.Calls($"{customer}-{i}", customer, at.AddSeconds(-(i % 3000)), 2m));
        await DropAsync(customer + ".jsonl", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        var second = await fixture.StartHostAsync();
        try
        {
            await Task.WhenAll(RunImportAsync(fixture.Api), RunImportAsync(new BillingApi(second.BaseAddress)));
            await Eventually.EqualAsync(10_000m, async () => (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value, TimeSpan.FromSeconds(60));

            var imports = (await AdminAsync(HttpMethod.Get, "api/manage/imports?limit=1000")).Json.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("file").GetString() == customer + ".jsonl").ToList();
            var import = Assert.Single(imports);
            Assert.Equal(5000, import.GetProperty("accepted").GetInt32());
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_host_killed_mid_file_resumes_after_restart_and_imports_exactly()
    {
        var customer = TestCatalog.NewCustomerId("killimport");
        await fixture.Api.CreateCustomerAsync(customer, DateTimeOffset.UtcNow.AddDays(-2));
        var at = UsageEvents.RecentInstant();
        var lines = Enumerable.Range(0, 60_000).Select(i => UsageEvents.Calls($"{customer}-{i}", customer, at.AddSeconds(-(i % 3000)), 1m));
        await DropAsync(customer + ".jsonl", Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        // Start the import, and kill the host as soon as its state shows progress (some chunks queued, not all).
        var running = RunImportAsync(fixture.Api);
        var state = fixture.Storage.GetTableClient("imports");
        await Eventually.UntilAsync(
            async () => await state.QueryAsync($"PartitionKey eq 'import' and File eq '{customer}.jsonl'").Select(r => r.GetInt64("LinesDone") ?? 0).FirstOrDefaultAsync(),
            done => done > 0,
            TimeSpan.FromSeconds(60));
        await fixture.Primary.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => running);

        // Once the dead host's lease runs out (3 s in these hosts), the restarted host takes the file over and finishes it.
        await fixture.RestartPrimaryAsync(kill: false);
        await Eventually.UntilAsync(() => ImportStatusAsync(customer + ".jsonl"), status => status == "imported", TimeSpan.FromSeconds(60));

        await Eventually.EqualAsync(60_000m, async () => (await fixture.Api.TotalAsync(customer, TestCatalog.Calls)).Value, TimeSpan.FromSeconds(90));
        var report = await ReportAsync(customer + ".jsonl.report.json");
        Assert.Equal(60_000, report.GetProperty("lines").GetInt32());
        Assert.Empty(report.GetProperty("rejected").EnumerateArray());
    }

    /// <summary>Asks for an import run (the timer may do it too), then reads the file's import status.</summary>
    private async Task<string?> ImportStatusAsync(string file)
    {
        await RunImportAsync(fixture.Api);
        var imports = (await AdminAsync(HttpMethod.Get, "api/manage/imports?limit=1000")).Json.GetProperty("items");
        return imports.EnumerateArray().Where(i => i.GetProperty("file").GetString() == file).Select(i => i.GetProperty("status").GetString()).FirstOrDefault();
    }

    private static async Task RunImportAsync(BillingApi api)
    {
        using var request = api.Request(HttpMethod.Post, "api/manage/imports/run", "{}");
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
