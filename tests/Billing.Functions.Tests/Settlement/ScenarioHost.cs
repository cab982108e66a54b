using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// Plays a scenario file through a real host with a simulated clock and its own Azurite: publishes the catalog,
/// creates the customers, then, in time order, advances the clock to each event's arrival and posts it through the
/// webhook and to each payment and records it, and finally advances to just before the scenario's end.
/// </summary>
public sealed class ScenarioHost : IAsyncDisposable
{
    private const string AdminKey = "scenario-admin-key";
    private const string IngestKey = "scenario-ingest-key";

    private readonly AzuriteProcess azurite;
    private HttpClient http;
    private readonly string? crashAfter;
    private readonly IReadOnlyDictionary<string, string> settings;
    private JsonObject? scenario;

    private ScenarioHost(AzuriteProcess azurite, HostProcess host, string? crashAfter, IReadOnlyDictionary<string, string> settings)
    {
        this.azurite = azurite;
        this.crashAfter = crashAfter;
        this.settings = settings;
        Host = host;
        http = Connect(host);
    }

    public HostProcess Host { get; private set; }

    /// <summary>The host's storage account (its own Azurite), for what a test must put in place behind the host's back.</summary>
    public Billing.Storage.IStorageAccount Storage => Billing.Storage.StorageAccount.FromConnectionString(azurite.ConnectionString);

    /// <summary>The ids of the events the webhook refused in its answer while the scenario was played.</summary>
    public List<string> RejectedAtOnce { get; } = [];

    /// <summary>Starts Azurite and a host; <paramref name="crashAfter"/> makes the host die once at that settlement step.</summary>
    public static async Task<ScenarioHost> StartAsync(JsonObject scenario, string? crashAfter = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var azurite = await AzuriteProcess.StartAsync();
        try
        {
            settings ??= new Dictionary<string, string>();
            var host = await HostProcess.StartAsync(HostFixture.HostDll, Environment(azurite, scenario, crashAfter, settings));
            return new ScenarioHost(azurite, host, crashAfter, settings);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Plays the whole scenario; returns every invoice the service issued, as stored JSON objects.</summary>
    public async Task<List<JsonObject>> PlayAsync(JsonObject scenario)
    {
        this.scenario = scenario;
        var catalog = new JsonObject();
        foreach (var name in new[] { "timezone", "currency", "meters", "plans", "dunning" })
        {
            if (scenario[name] is { } value)
            {
                catalog[name] = value.DeepClone();
            }
        }

        await Send(HttpMethod.Put, "/api/manage/catalog", catalog);
        var customers = scenario["customers"]!.AsArray().Select(c => c!.AsObject()).OrderBy(c => c["parent"] is null ? 0 : 1).ToList();
        foreach (var customer in customers)
        {
            var document = (JsonObject)customer.DeepClone();
            var id = document["id"]!.GetValue<string>();
            document.Remove("id");
            document["startsAt"] ??= scenario["start"]!.DeepClone();
            await Send(HttpMethod.Put, $"/api/manage/customers/{Uri.EscapeDataString(id)}", document);
        }

        var end = DateTimeOffset.Parse(scenario["end"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        foreach (var (at, kind, item) in Arrivals(scenario))
        {
            if (at >= end)
            {
                continue;
            }

            await AdvanceAsync(at);
            if (kind == 0)
            {
                var usage = (JsonObject)item.DeepClone();
                usage.Remove("receivedAt");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/usage") { Content = Json(usage) };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IngestKey);
                using var response = await http.SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode is 202 or 422, $"usage {usage["id"]}: {(int)response.StatusCode} {answer}");
                if ((int)response.StatusCode == 422 || JsonNode.Parse(answer)!["rejected"]!.AsArray().Count > 0)
                {
                    RejectedAtOnce.Add(usage["id"]!.GetValue<string>());
                }
            }
            else
            {
                await Send(HttpMethod.Post, "/api/payments", (JsonObject)item.DeepClone());
            }
        }

        await AdvanceAsync(end.AddSeconds(-1));
        var invoices = new List<JsonObject>();
        foreach (var customer in customers.Where(c => c["childBilling"]?.GetValue<string>() is null or "independent"))
        {
            var list = await http.GetFromJsonAsync<JsonArray>($"/api/customers/{Uri.EscapeDataString(customer["id"]!.GetValue<string>())}/invoices");
            invoices.AddRange(list!.Select(i => i!.AsObject()));
        }

        return invoices;
    }

    /// <summary>Every customer's timeline as the service recorded it.</summary>
    public async Task<List<JsonObject>> TimelinesAsync(JsonObject scenario)
    {
        var entries = new List<JsonObject>();
        foreach (var customer in scenario["customers"]!.AsArray())
        {
            var list = await http.GetFromJsonAsync<JsonArray>($"/api/customers/{Uri.EscapeDataString(customer!["id"]!.GetValue<string>())}/timeline");
            entries.AddRange(list!.Select(e => e!.AsObject()));
        }

        return entries;
    }

    /// <summary>Sends a GET, optionally with If-None-Match, and returns the response (the caller disposes it).</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Sends an admin request with a JSON body and returns the response, whatever its status (the caller disposes it).</summary>
    public async Task<HttpResponseMessage> TrySendAsync(HttpMethod method, string path, JsonObject body) =>
        await http.SendAsync(new HttpRequestMessage(method, path) { Content = Json(body) });

    /// <summary>Sends an admin request with a JSON body and asserts it succeeded.</summary>
    public Task SendAsync(HttpMethod method, string path, JsonObject body) => Send(method, path, body);

    /// <summary>Posts one usage event through the webhook and asserts it was accepted.</summary>
    public async Task PostUsageAsync(JsonObject usage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/usage") { Content = Json(usage) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IngestKey);
        using var response = await http.SendAsync(request);
        Assert.True((int)response.StatusCode == 202, $"usage: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonNode> GetJsonAsync(string path) => (await http.GetFromJsonAsync<JsonNode>(path))!;

    public async Task<byte[]> GetBytesAsync(string path) => await http.GetByteArrayAsync(path);

    /// <summary>How many times the host died during an advance and was restarted.</summary>
    public int Restarts { get; private set; }

    /// <summary>Advances the clock; when the host dies meanwhile (an injected crash), restarts it and advances again.</summary>
    public async Task AdvanceAsync(DateTimeOffset to)
    {
        var body = new JsonObject { ["to"] = to.ToString("O", CultureInfo.InvariantCulture) };
        try
        {
            await Send(HttpMethod.Post, "/api/manage/clock/advance", body);
        }
        catch (HttpRequestException) when (crashAfter is not null)
        {
            await RestartAsync();
            Restarts++;
            await Send(HttpMethod.Post, "/api/manage/clock/advance", body);
        }
    }

    /// <summary>Starts the host again on the same storage and settings after it died (the clock continues where it stood).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await HostProcess.StartAsync(HostFixture.HostDll, Environment(azurite, scenario!, crashAfter, settings));
        http.Dispose();
        http = Connect(Host);
    }

    private static HttpClient Connect(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("x-admin-key", AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private static IEnumerable<(DateTimeOffset At, int Kind, JsonObject Item)> Arrivals(JsonObject scenario)
    {
        var events = (scenario["events"]?.AsArray() ?? []).Select((e, i) => (
            At: DateTimeOffset.Parse((e!["receivedAt"] ?? e["at"])!.GetValue<string>(), CultureInfo.InvariantCulture), Kind: 0, Index: i, Item: e.AsObject()));
        var payments = (scenario["payments"]?.AsArray() ?? []).Select((p, i) => (
            At: DateTimeOffset.Parse(p!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture), Kind: 1, Index: i, Item: p.AsObject()));

        // Same instant: usage before payments, each in document order (the scenario format's order).
        return events.Concat(payments).OrderBy(x => x.At).ThenBy(x => x.Kind).ThenBy(x => x.Index).Select(x => (x.At, x.Kind, x.Item));
    }

    /// <summary>Sends an admin request with a JSON body, asserts it succeeded and returns its JSON answer.</summary>
    public async Task<JsonNode> SendForJsonAsync(HttpMethod method, string path, JsonObject body) => JsonNode.Parse(await Send(method, path, body))!;

    private async Task<string> Send(HttpMethod method, string path, JsonObject body)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = Json(body) });
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {answer}\n{Host.RecentOutput}");
        return answer;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The host's environment: the scenario's clock and keys, then <paramref name="settings"/> over them.</summary>
    private static Dictionary<string, string> Environment(AzuriteProcess azurite, JsonObject scenario, string? crashAfter, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Billing__CrashAfter"] = crashAfter ?? string.Empty,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing__AdminKey"] = AdminKey,
            ["Billing__IngestKeys__0"] = IngestKey,
            ["Billing__Clock"] = "simulated",
            ["Billing__ClockStart"] = scenario["start"]!.GetValue<string>(),
            ["Billing__MaxEventAgeDays"] = "3650",
            ["Billing__LateArrivalGraceHours"] = scenario["lateArrivalGraceHours"]?.ToString() ?? "2",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }
}
