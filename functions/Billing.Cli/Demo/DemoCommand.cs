using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Billing.Storage.Emulator;
using Spectre.Console;

namespace Billing.Cli.Demo;

/// <summary>
/// <c>demo</c>: starts Azurite (in memory) and the function host with a simulated clock, publishes a sample catalog
/// and two customers (English and Chinese), posts a month of usage through the webhook, advances the clock through
/// the month's settlement, records Acme's bank transfer for its invoice, advances through the first dunning steps of
/// the invoice left unpaid (the reminders three days before and on its due date), and shows the invoices, the
/// collections timeline, where the PDFs and emails are, and the URLs to look at with the key each needs. The admin
/// and ingest keys are made for the run and printed once the host answers. The host keeps running until Ctrl+C or
/// SIGTERM (or stops at once with <c>--exit</c>); either stops it and Azurite within seconds.
/// </summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var exit = new Option<bool>("--exit") { Description = "Stop the host and Azurite after the summary." };
        var port = new Option<int>("--port") { Description = "Port of the host on 127.0.0.1 (Azurite takes free ports of its own).", DefaultValueFactory = _ => 7071 };
        var demo = new Command("demo", "Play a month of billing on a simulated clock and show the invoices.") { exit, port };
        demo.SetAction((parsed, ct) => RunAsync(parsed.GetValue(port), parsed.GetValue(exit), ct));
        return demo;
    }

    private static async Task<int> RunAsync(int port, bool exitAfter, CancellationToken ct)
    {
        var root = RepositoryRoot.TryFind() ?? throw new InvalidOperationException("run the demo from a clone of the repository (package.json not found above this folder)");
        var keys = new DemoKeys(NewKey(), NewKey());
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: ct);
        AnsiConsole.MarkupLine($"[grey]Azurite in memory:[/] {azurite.ConnectionString.Split(';')[0]}");
        await using var host = DemoHost.Start(root, port, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing__AdminKey"] = keys.Admin,
            ["Billing__IngestKeys__0"] = keys.Ingest,
            ["Billing__Clock"] = "simulated",
            ["Billing__ClockStart"] = DemoData.Start,
            ["Billing__MaxEventAgeDays"] = "400",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("x-admin-key", keys.Admin);
        await WaitForHostAsync(http, host, ct);
        DemoLinks.PrintKeys(port, keys);
        var portalKeys = await PlayAsync(http, keys, ct);
        var firstInvoice = await ShowAsync(http, ct);
        DemoLinks.Print(port, keys, portalKeys, firstInvoice);
        if (!exitAfter)
        {
            AnsiConsole.MarkupLine("[green]The host keeps running with the demo's data.[/] Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return 0;
    }

    /// <summary>A key for this run only (24 random bytes, URL-safe Base64).</summary>
    private static string NewKey() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static async Task WaitForHostAsync(HttpClient http, DemoHost host, CancellationToken ct)
    {
        await AnsiConsole.Status().StartAsync("Starting the function host ...", async _ =>
        {
            for (var attempt = 0; attempt < 600; attempt++)
            {
                if (host.HasExited)
                {
                    throw new InvalidOperationException("the host exited while starting; run `dotnet run --project functions/Billing.LocalHost` to see why");
                }

                try
                {
                    using var response = await http.GetAsync("api/health", ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(500, ct);
            }

            throw new TimeoutException("the host did not answer within 5 minutes");
        });
    }

    /// <summary>Plays the month; returns each customer's portal key (shown once, when the customer is created).</summary>
    private static async Task<Dictionary<string, string>> PlayAsync(HttpClient http, DemoKeys keys, CancellationToken ct)
    {
        await SendAsync(http, HttpMethod.Put, "api/manage/catalog", DemoData.Catalog, ct);
        var portalKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, document, _) in DemoData.Customers)
        {
            using var created = JsonDocument.Parse(await SendAsync(http, HttpMethod.Put, $"api/manage/customers/{id}", document, ct));
            if (created.RootElement.TryGetProperty("portalKey", out var portalKey) && portalKey.GetString() is { } key)
            {
                portalKeys[id] = key;
            }
        }

        var start = DateTimeOffset.Parse(DemoData.Start, CultureInfo.InvariantCulture);
        var days = 31;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var usage = progress.AddTask("Posting January's usage through the webhook", maxValue: days);
                for (var day = 0; day < days; day++)
                {
                    var dayStart = start.AddDays(day);
                    await AdvanceAsync(http, dayStart.AddHours(23).AddMinutes(59), ct);
                    var events = new List<string>();
                    foreach (var (id, _, callsPerHour) in DemoData.Customers)
                    {
                        for (var hour = 0; hour < 24; hour++)
                        {
                            var at = dayStart.AddHours(hour).AddMinutes(7).ToString("O", CultureInfo.InvariantCulture);
                            var calls = callsPerHour * (hour is >= 9 and <= 18 ? 3 : 1);
                            var gb = (calls / 700m).ToString("0.###", CultureInfo.InvariantCulture);
                            events.Add(UsageEvent($"{id}-{day}-{hour}-c", id, "api_calls", at, "quantity", calls.ToString(CultureInfo.InvariantCulture)));
                            events.Add(UsageEvent($"{id}-{day}-{hour}-e", id, "egress_gb", at, "gb", gb));
                        }
                    }

                    using var request = new HttpRequestMessage(HttpMethod.Post, "api/usage") { Content = new StringContent("{\"events\":[" + string.Join(',', events) + "]}", Encoding.UTF8, "application/json") };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", keys.Ingest);
                    using var response = await http.SendAsync(request, ct);
                    response.EnsureSuccessStatusCode();
                    usage.Increment(1);
                }

                var settle = progress.AddTask("Advancing the clock through settlement (Feb 1, 02:00 local)", maxValue: 1);
                await AdvanceAsync(http, start.AddMonths(1).AddDays(3), ct);
                settle.Increment(1);

                var collect = progress.AddTask("Acme pays; advancing through the first dunning steps (to Mar 4)", maxValue: 2);
                var paidAt = start.AddMonths(1).AddDays(19).AddHours(10);
                await AdvanceAsync(http, paidAt, ct);
                await PayInFullAsync(http, DemoData.PayingCustomer, "2026-01", paidAt, ct);
                collect.Increment(1);
                await AdvanceAsync(http, start.AddMonths(2).AddDays(3).AddHours(10), ct);
                collect.Increment(1);
            });
        return portalKeys;
    }

    /// <summary>Records a bank transfer of the invoice's total for the customer's period (the admin payment route).</summary>
    private static async Task PayInFullAsync(HttpClient http, string customer, string period, DateTimeOffset at, CancellationToken ct)
    {
        using var invoices = JsonDocument.Parse(await http.GetStringAsync($"api/customers/{customer}/invoices", ct));
        var invoice = invoices.RootElement.EnumerateArray().Single(i => i.GetProperty("period").GetString() == period && i.GetProperty("kind").GetString() == "usage");
        var payment = JsonSerializer.Serialize(new
        {
            id = $"demo-{customer}-{period}",
            customer,
            at = at.ToString("O", CultureInfo.InvariantCulture),
            amount = invoice.GetProperty("total").GetString(),
            period,
        });
        await SendAsync(http, HttpMethod.Post, "api/payments", payment, ct);
    }

    /// <summary>Prints the invoices, the collections timeline and the emails; returns the first invoice's number.</summary>
    private static async Task<string?> ShowAsync(HttpClient http, CancellationToken ct)
    {
        string? first = null;
        var table = new Table().Title("Invoices (PDF: /api/invoices/{number}/pdf)").AddColumns("Number", "Customer", "Kind", "Period", "Total", "Status");
        foreach (var (id, _, _) in DemoData.Customers)
        {
            using var invoices = JsonDocument.Parse(await http.GetStringAsync($"api/customers/{id}/invoices", ct));
            foreach (var invoice in invoices.RootElement.EnumerateArray())
            {
                var number = invoice.GetProperty("number").GetString()!;
                first ??= number;
                table.AddRow(
                    Markup.Escape(number),
                    Markup.Escape(id),
                    Markup.Escape(invoice.GetProperty("kind").GetString()!),
                    Markup.Escape(invoice.GetProperty("period").GetString() ?? "-"),
                    Markup.Escape(invoice.GetProperty("total").GetString() + " " + invoice.GetProperty("currency").GetString()),
                    Markup.Escape(invoice.GetProperty("status").GetString()!));
            }
        }

        AnsiConsole.Write(table);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DemoData.TimeZone);
        var timeline = new Table().Title("Collections (GET /api/customers/{id}/timeline)").AddColumns($"At ({DemoData.TimeZone})", "Customer", "Action", "Period", "Detail");
        foreach (var (id, _, _) in DemoData.Customers)
        {
            using var entries = JsonDocument.Parse(await http.GetStringAsync($"api/customers/{id}/timeline", ct));
            foreach (var entry in entries.RootElement.EnumerateArray())
            {
                timeline.AddRow(
                    Markup.Escape(TimeZoneInfo.ConvertTime(entry.GetProperty("at").GetDateTimeOffset(), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                    Markup.Escape(id),
                    Markup.Escape(entry.GetProperty("action").GetString()!),
                    Markup.Escape(entry.GetProperty("period").GetString() ?? "-"),
                    Markup.Escape(entry.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty));
            }
        }

        AnsiConsole.Write(timeline);
        using var outbox = JsonDocument.Parse(await http.GetStringAsync("api/manage/outbox?limit=1000", ct));
        var emails = outbox.RootElement.GetProperty("items");
        var kinds = emails.EnumerateArray()
            .GroupBy(m => m.GetProperty("name").GetString()!.Split('/')[0], StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}")
            .ToList();
        AnsiConsole.MarkupLine($"[bold]{emails.GetArrayLength()}[/] emails in the outbox ({Markup.Escape(string.Join(", ", kinds))})");
        return first;
    }

    private static string UsageEvent(string id, string customer, string meter, string at, string property, string quantity) =>
        JsonSerializer.Serialize(new { id, customer, meter, at, properties = new Dictionary<string, decimal> { [property] = decimal.Parse(quantity, CultureInfo.InvariantCulture) } });

    private static async Task AdvanceAsync(HttpClient http, DateTimeOffset to, CancellationToken ct) =>
        await SendAsync(http, HttpMethod.Post, "api/manage/clock/advance", $$"""{"to":"{{to.ToString("O", CultureInfo.InvariantCulture)}}"}""", ct);

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {body}");
    }
}
