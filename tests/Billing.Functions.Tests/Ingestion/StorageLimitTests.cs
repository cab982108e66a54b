using System.Net;
using Billing.Functions.Tests.Fixtures;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// What Table Storage would refuse when metering is refused at the door, event by event: alone, the request is
/// unprocessable and names the field; mixed with valid events of the same partition, the others are queued and
/// metered, and the aggregate equals the valid events.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class StorageLimitTests(HostFixture fixture) : IAsyncLifetime
{
    private readonly string customer = TestCatalog.NewCustomerId("limits");
    private readonly DateTimeOffset at = RecentInstant();
    private BillingApi api = null!;

    public async Task InitializeAsync()
    {
        await fixture.EnsurePrimaryAsync();
        api = fixture.Api;
        await api.CreateCustomerAsync(customer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Each limit: the event breaking it (id, customer, instant), the field named (after <c>events[i]</c>) and the reason.</summary>
    private static readonly Dictionary<string, (Func<string, string, DateTimeOffset, string> Event, string Field, string Reason)> Limits = new(StringComparer.Ordinal)
    {
        ["a string property over 32,768 characters"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["note"] = new string('x', 40_000) }),
            ".properties.note", "is 40,000 characters; at most 32,768"),
        ["an event over 32,768 characters as stored"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["a"] = new string('x', 20_000), ["b"] = new string('y', 20_000) }),
            string.Empty, "characters as stored JSON (text outside ASCII counts 6 per character); at most 32,768"),
        ["non-ASCII text counted as it is stored"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["note"] = new string('é', 6_000) }),
            string.Empty, "characters as stored JSON (text outside ASCII counts 6 per character); at most 32,768"),
        ["more than 252 properties"] = (
            (id, c, t) => CallsWith(id, c, t, Enumerable.Range(1, 252).ToDictionary(i => $"p{i}", object (i) => i).Append(KeyValuePair.Create("quantity", (object)1)).ToDictionary()),
            ".properties", "has 253 properties; at most 252"),
        ["a property name a table column cannot have"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["x-region"] = "eu" }),
            ".properties", "property name 'x-region' is not allowed"),
        ["a property named as a system column"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["RowKey"] = "r" }),
            ".properties", "property name 'RowKey' is not allowed"),
        ["a property name over 255 characters"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, [new string('n', 256)] = 1 }),
            ".properties", "is not allowed"),
        ["a nested object"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["meta"] = new { a = 1 } }),
            ".properties.meta", "nested objects and arrays are not accepted"),
        ["a nested array"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["tags"] = new[] { "a", "b" } }),
            ".properties.tags", "nested objects and arrays are not accepted"),
        ["a control character in a property"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1, ["note"] = "bell\u0007" }),
            ".properties.note", "holds control characters"),
        ["a control character in the id"] = (
            (id, c, t) => CallsWith(id + "\u0001", c, t, new Dictionary<string, object> { ["quantity"] = 1 }),
            ".id", "holds control characters"),
        ["an unknown field"] = (
            (id, c, t) => CallsWith(id, c, t, new Dictionary<string, object> { ["quantity"] = 1 })[..^1] + ",\"extra\":\"kept?\"}",
            ".extra", "unknown field; an event has id, customer, meter, at, receivedAt, properties"),
        ["a unique-count value over 256 characters"] = (
            (id, c, t) => Event(id, c, TestCatalog.Devices, t, new { device = new string('d', 257) }),
            ".properties.device", "a unique-count value is at most 256 characters"),
    };

    public static TheoryData<string> Cases() => [.. Limits.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_event_Table_Storage_would_refuse_is_rejected_at_the_door_naming_its_field(string limit)
    {
        var (build, field, reason) = Limits[limit];

        var response = await api.PostUsageAsync(Batch([build("bad", customer, at)]));

        Assert.True(response.Status == HttpStatusCode.UnprocessableEntity, $"{limit}: {response}");
        var errors = response.Json.GetProperty("errors");
        var named = Assert.Single(errors.EnumerateObject());
        Assert.Equal("events[0]" + field, named.Name);
        Assert.Contains(reason, named.Value[0].GetString(), StringComparison.Ordinal);
        var rejected = Assert.Single(response.Json.GetProperty("rejected").EnumerateArray());
        Assert.Equal((0, "events[0]" + field), (rejected.GetProperty("index").GetInt32(), rejected.GetProperty("field").GetString()));
        Assert.StartsWith("bad", rejected.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_event_Table_Storage_would_refuse_does_not_keep_the_valid_events_of_its_partition_from_being_metered(string limit)
    {
        var (build, field, reason) = Limits[limit];

        var response = await api.PostUsageAsync(Batch([Calls("ok-1", customer, at, 5), build("bad", customer, at), Calls("ok-2", customer, at, 7)]));

        Assert.True(response.Status == HttpStatusCode.Accepted, $"{limit}: {response}");
        Assert.Equal(2, response.Json.GetProperty("queued").GetInt32());
        var rejection = Assert.Single(response.Json.GetProperty("rejected").EnumerateArray());
        Assert.Equal((1, "events[1]" + field), (rejection.GetProperty("index").GetInt32(), rejection.GetProperty("field").GetString()));
        Assert.Contains(reason, rejection.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await Eventually.EqualAsync(new UsageTotal(12m, 2), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
        Assert.Equal(UsageTotal.None, await api.TotalAsync(customer, TestCatalog.Devices));
    }

    private static string CallsWith(string id, string customer, DateTimeOffset at, Dictionary<string, object> properties) =>
        Event(id, customer, TestCatalog.Calls, at, properties);
}
