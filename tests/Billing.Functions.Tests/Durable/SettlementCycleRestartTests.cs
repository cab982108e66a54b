using System.Globalization;
using System.Text.Json;
using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Durable;

/// <summary>
/// A settlement cycle that failed for real (its list activity failing past its retries, by the
/// <c>Billing:FailAt</c> fault) is completed by an operator's <c>POST /api/manage/workflows/{id}/restart</c> once the
/// cause is gone: the same instance runs again and settles every due customer once. The schedule fires once, so no
/// other cycle settles them in between. On an Azurite of its own.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SettlementCycleRestartTests : IAsyncLifetime
{
    private static readonly string[] Customers = ["restart-a", "restart-b", "restart-c"];

    private AzuriteProcess? azurite;
    private HostProcess? current;

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cycle_failed_by_its_listing_completes_when_restarted_through_the_admin_route_after_the_cause_is_gone_with_each_invoice_once()
    {
        // One occurrence, far enough ahead for the host to start and the customers to be created before it.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var fireAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(45);
        string schedule = fireAt.ToString("s m H d M '*'", CultureInfo.InvariantCulture);
        string instanceId = SettlementCycle.InstanceId(fireAt);

        await using (HostProcess broken = await StartHostAsync(schedule, failAt: "list"))
        {
            var api = new BillingApi(broken.BaseAddress);
            await api.PublishCatalogAsync(TestCatalog.Json);
            foreach (string customer in Customers)
            {
                await api.CreateCustomerAsync(customer);
            }

            Assert.True(DateTimeOffset.UtcNow < fireAt, $"the host was ready only after the cycle's instant {fireAt:O}");
            JsonElement failed = await Eventually.UntilAsync(() => InstanceAsync(api, instanceId), i => Status(i) == "failed", TimeSpan.FromSeconds(150));
            Assert.True(Status(failed) == "failed", $"the cycle did not fail: {failed}\n{broken.RecentOutput}");
            Assert.Contains("injected fault", failed.GetProperty("failure").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Empty(await InvoicesAsync(api));
            await broken.KillAsync();
        }

        await using HostProcess host = await StartHostAsync(schedule, failAt: "");
        var fixedApi = new BillingApi(host.BaseAddress);
        using (var restart = fixedApi.Request(HttpMethod.Post, $"api/manage/workflows/{instanceId}/restart", "{}"))
        {
            restart.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
            var answer = await fixedApi.SendAsync(restart);
            Assert.True(answer.Status == System.Net.HttpStatusCode.OK, answer.ToString());
            Assert.Equal(instanceId, answer.Json.GetProperty("workflow").GetString());
        }

        JsonElement completed = await Eventually.UntilAsync(() => InstanceAsync(fixedApi, instanceId), i => Status(i) == "completed", TimeSpan.FromSeconds(180));
        Assert.True(Status(completed) == "completed", $"the restarted cycle did not complete: {completed}\n{host.RecentOutput}");
        JsonElement output = completed.GetProperty("output");
        Assert.Equal(Customers.Length, output.GetProperty("Settled").GetInt32());
        Assert.Empty(output.GetProperty("Failures").EnumerateArray());

        var invoices = await InvoicesAsync(fixedApi);
        Assert.Equal(Customers.Order(StringComparer.Ordinal), invoices.Select(i => i.Customer).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(invoices.GroupBy(i => (i.Customer, i.Kind, i.Period)).Where(g => g.Count() > 1).Select(g => $"{g.Key} invoiced {g.Count()} times"));
        Assert.Equal(Enumerable.Range(1, invoices.Count), invoices.Select(i => int.Parse(i.Number[^6..], CultureInfo.InvariantCulture)).Order());
    }

    private static string? Status(JsonElement instance) =>
        instance.ValueKind == JsonValueKind.Object ? instance.GetProperty("status").GetString() : null;

    /// <summary>The instance as the admin listing shows it, or an undefined element while it is not listed.</summary>
    private async Task<JsonElement> InstanceAsync(BillingApi api, string instanceId)
    {
        var list = await AdminGetAsync(api, "api/manage/workflows?type=SettlementCycle");
        return list.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("id").GetString() == instanceId);
    }

    private async Task<List<(string Customer, string Number, string? Kind, string? Period)>> InvoicesAsync(BillingApi api)
    {
        var page = await AdminGetAsync(api, "api/manage/invoices?limit=1000");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(i => Customers.Contains(i.GetProperty("customer").GetString()))
            .Select(i => (i.GetProperty("customer").GetString()!, i.GetProperty("number").GetString()!, Text(i, "kind"), Text(i, "period")))];
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<JsonElement> AdminGetAsync(BillingApi api, string path)
    {
        using var request = api.Request(HttpMethod.Get, path);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        var response = await api.SendAsync(request);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, $"{path}: {response}\n{current?.RecentOutput}");
        return response.Json;
    }

    private async Task<HostProcess> StartHostAsync(string schedule, string failAt) => current = await HostProcess.StartAsync(HostFixture.HostDll, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Billing__FailAt"] = failAt,
        ["Billing__SettlementBatchSize"] = "2",
        ["AzureWebJobsStorage"] = azurite!.ConnectionString,
        ["Billing__AdminKey"] = HostFixture.AdminKey,
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Billing__SettlementSchedule"] = schedule,
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    });
}
