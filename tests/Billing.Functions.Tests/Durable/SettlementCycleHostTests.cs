using System.Net.Http.Json;
using System.Text.Json;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Durable;

/// <summary>
/// The settlement timer (here every second, system clock) starts one <c>SettlementCycle</c> orchestration per occurrence
/// on the local host's Durable backend (Azure Storage provider on Azurite): the due customers are settled once however
/// many cycles run, invoice numbers have no gaps, each invoice is emailed once, also when the host dies in the middle of
/// a cycle's fan-out. On an Azurite of its own, so a timer firing every second touches no other test's customers.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SettlementCycleHostTests : IAsyncLifetime
{
    private static readonly string[] Customers = ["cycle-a", "cycle-b", "cycle-c", "cycle-d", "cycle-e"];

    private AzuriteProcess? azurite;

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Settlement_cycles_every_second_settle_each_due_customer_once_with_numbers_without_gaps_and_one_email_each()
    {
        await using HostProcess host = await StartHostAsync();
        var api = new BillingApi(host.BaseAddress);
        await api.PublishCatalogAsync(TestCatalog.Json);
        foreach (string customer in Customers)
        {
            await api.CreateCustomerAsync(customer);
        }

        var invoices = await Eventually.UntilAsync(() => InvoicesAsync(api), i => Customers.All(c => i.Any(x => x.Customer == c)), TimeSpan.FromSeconds(90));
        Assert.True(Customers.All(c => invoices.Any(x => x.Customer == c)), $"not every customer was invoiced: {string.Join(", ", invoices)}\n{host.RecentOutput}");

        // Cycles keep running every second: once three complete without a new invoice, three more must issue nothing either.
        var after = invoices;
        var stable = 0;
        for (var round = 0; round < 10 && stable < 2; round++)
        {
            int cyclesBefore = (await CompletedCyclesAsync(api)).Count;
            var later = await Eventually.UntilAsync(() => CompletedCyclesAsync(api), c => c.Count >= cyclesBefore + 3, TimeSpan.FromSeconds(60));
            Assert.True(later.Count >= cyclesBefore + 3, $"fewer than 3 more cycles completed:\n{host.RecentOutput}");
            Assert.All(later, cycle => Assert.Empty(cycle.GetProperty("output").GetProperty("Failures").EnumerateArray()));
            var read = await InvoicesAsync(api);
            stable = read.Order().SequenceEqual(after.Order()) ? stable + 1 : 0;
            after = read;
        }

        Assert.True(stable == 2, $"invoices were still being issued after 10 rounds of 3 cycles: {string.Join(", ", after)}");

        Assert.Empty(after.GroupBy(i => (i.Customer, i.Kind, i.Period)).Where(g => g.Count() > 1).Select(g => $"{g.Key} invoiced {g.Count()} times"));
        Assert.Equal(Enumerable.Range(1, after.Count).Select(n => n), after.Select(i => int.Parse(i.Number[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order());
        var emails = await OutboxAsync(api, "invoice/");
        Assert.Equal(after.Select(i => $"invoice/{i.Number}.eml").Order(StringComparer.Ordinal), emails.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_host_killed_after_a_batch_settled_and_restarted_completes_the_cycle_with_each_invoice_and_email_once()
    {
        // Batches of 2: the first batch to finish kills the host after settling its customers, before its result is recorded.
        await using (HostProcess doomed = await StartHostAsync(crashAfter: "batch"))
        {
            var api = new BillingApi(doomed.BaseAddress);
            await api.PublishCatalogAsync(TestCatalog.Json);
            foreach (string customer in Customers)
            {
                await api.CreateCustomerAsync(customer);
            }

            bool died = await Eventually.UntilAsync(() => Task.FromResult(doomed.HasExited), exited => exited, TimeSpan.FromSeconds(90));
            Assert.True(died, $"the host did not reach the crash point:\n{doomed.RecentOutput}");
        }

        await using HostProcess host = await StartHostAsync(crashAfter: "batch");
        var restarted = new BillingApi(host.BaseAddress);
        var invoices = await Eventually.UntilAsync(() => InvoicesAsync(restarted), i => Customers.All(c => i.Any(x => x.Customer == c)), TimeSpan.FromSeconds(180));
        Assert.True(Customers.All(c => invoices.Any(x => x.Customer == c)), $"not every customer was invoiced: {string.Join(", ", invoices)}\n{host.RecentOutput}");

        // The cycle that was cut short completes on the restarted host (its lease and work items come back), and none failed.
        var unfinished = await Eventually.UntilAsync(
            async () => (await AdminGetAsync(restarted, "api/manage/workflows?type=SettlementCycle&status=running")).GetProperty("items").GetArrayLength() + (await AdminGetAsync(restarted, "api/manage/workflows?type=SettlementCycle&status=pending")).GetProperty("items").GetArrayLength(),
            count => count == 0,
            TimeSpan.FromSeconds(180));
        Assert.Equal(0, (await AdminGetAsync(restarted, "api/manage/workflows?type=SettlementCycle&status=failed")).GetProperty("items").GetArrayLength());

        var after = await InvoicesAsync(restarted);
        Assert.Equal(Customers.Order(StringComparer.Ordinal), after.Select(i => i.Customer).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(after.GroupBy(i => (i.Customer, i.Kind, i.Period)).Where(g => g.Count() > 1).Select(g => $"{g.Key} invoiced {g.Count()} times"));
        Assert.Equal(Enumerable.Range(1, after.Count), after.Select(i => int.Parse(i.Number[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order());
        var emails = await OutboxAsync(restarted, "invoice/");
        Assert.Equal(after.Select(i => $"invoice/{i.Number}.eml").Order(StringComparer.Ordinal), emails.Order(StringComparer.Ordinal));
    }

    private static async Task<List<(string Customer, string Number, string? Kind, string? Period)>> InvoicesAsync(BillingApi api)
    {
        var page = await AdminGetAsync(api, "api/manage/invoices?limit=1000");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(i => Customers.Contains(i.GetProperty("customer").GetString()))
            .Select(i => (i.GetProperty("customer").GetString()!, i.GetProperty("number").GetString()!, Text(i, "kind"), Text(i, "period")))];
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<List<JsonElement>> CompletedCyclesAsync(BillingApi api)
    {
        var list = await AdminGetAsync(api, "api/manage/workflows?type=SettlementCycle&status=completed");
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    private static async Task<List<string>> OutboxAsync(BillingApi api, string prefix)
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await AdminGetAsync(api, "api/manage/outbox?limit=1000&prefix=" + Uri.EscapeDataString(prefix) + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        return names;
    }

    private static async Task<JsonElement> AdminGetAsync(BillingApi api, string path)
    {
        using var request = api.Request(HttpMethod.Get, path);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var response = await api.SendAsync(request);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.ToString());
        return response.Json;
    }

    private Task<HostProcess> StartHostAsync(string crashAfter = "") => HostProcess.StartAsync(HostFixture.HostDll, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Billing__CrashAfter"] = crashAfter,
        ["Billing__SettlementBatchSize"] = "2",
        ["AzureWebJobsStorage"] = azurite!.ConnectionString,
        ["Billing__AdminKey"] = HostFixture.AdminKey,
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Billing__SettlementSchedule"] = "* * * * * *",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    });
}
