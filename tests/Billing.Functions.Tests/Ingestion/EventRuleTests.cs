using System.Net;
using Billing.Functions.Tests.Fixtures;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// The scenario format's metering rules, through <c>POST /api/usage</c> and back through <c>GET .../usage</c>:
/// what is rejected (with which reason and field), what each aggregation counts, and how repeats are treated.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EventRuleTests(HostFixture fixture) : IAsyncLifetime
{
    private readonly string customer = TestCatalog.NewCustomerId("rules");
    private readonly DateTimeOffset at = RecentInstant();
    private BillingApi api = null!;

    public async Task InitializeAsync()
    {
        await fixture.EnsurePrimaryAsync();
        api = fixture.Api;
        await api.CreateCustomerAsync(customer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string> Rejections => new()
    {
        { "unknown customer", """{"id":"r1","customer":"nobody-at-all","meter":"api_calls","at":"{at}","properties":{"quantity":1}}""", "events[0].customer: unknown customer 'nobody-at-all'" },
        { "unknown meter", """{"id":"r1","customer":"{customer}","meter":"gpu_hours","at":"{at}","properties":{"quantity":1}}""", "events[0].meter: unknown meter 'gpu_hours'" },
        { "missing property", """{"id":"r1","customer":"{customer}","meter":"api_calls","at":"{at}","properties":{"qty":1}}""", "events[0].properties: missing property 'quantity'" },
        { "missing properties", """{"id":"r1","customer":"{customer}","meter":"api_calls","at":"{at}"}""", "events[0].properties: missing property 'quantity'" },
        { "non-numeric property", """{"id":"r1","customer":"{customer}","meter":"api_calls","at":"{at}","properties":{"quantity":"ten"}}""", "events[0].properties: non-numeric property 'quantity'" },
        { "boolean property", """{"id":"r1","customer":"{customer}","meter":"peak_qps","at":"{at}","properties":{"qps":true}}""", "events[0].properties: non-numeric property 'qps'" },
        { "negative quantity", """{"id":"r1","customer":"{customer}","meter":"api_calls","at":"{at}","properties":{"quantity":-3}}""", "events[0].properties: negative quantity" },
        { "negative max value", """{"id":"r1","customer":"{customer}","meter":"peak_qps","at":"{at}","properties":{"qps":"-0.5"}}""", "events[0].properties: negative quantity" },
        { "unique value neither string nor number", """{"id":"r1","customer":"{customer}","meter":"active_devices","at":"{at}","properties":{"device":{"a":1}}}""", "events[0].properties: property 'device' must be a string or a number" },
        { "time too far ahead", """{"id":"r1","customer":"{customer}","meter":"api_calls","at":"{ahead}","properties":{"quantity":1}}""", "events[0].at: event time more than 5 minutes ahead of the clock" },
        { "time too old", """{"id":"r1","customer":"{customer}","meter":"api_calls","at":"{old}","properties":{"quantity":1}}""", "events[0].at: event time older than 35 days" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task An_event_breaking_a_metering_rule_is_rejected_with_its_reason_and_changes_nothing(string rule, string template, string expected)
    {
        var body = Batch([Fill(template)]);

        var response = await api.PostUsageAsync(body);

        Assert.True(response.Status == HttpStatusCode.UnprocessableEntity, $"{rule}: {response}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(expected, response.Json.GetProperty("detail").GetString());
        var (field, reason) = (expected[..expected.IndexOf(": ", StringComparison.Ordinal)], expected[(expected.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        Assert.Equal(reason, response.Json.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(UsageTotal.None, await api.TotalAsync(customer, TestCatalog.Calls));
    }

    [Fact]
    public async Task A_rejected_event_does_not_stop_the_valid_ones_of_its_request()
    {
        var body = Batch(
        [
            Calls("ok-1", customer, at, 5),
            Event("bad-1", customer, TestCatalog.Calls, at, new { quantity = -1 }),
            Calls("ok-2", customer, at, 7),
            Event("bad-2", "nobody-at-all", TestCatalog.Calls, at, new { quantity = 1 }),
        ]);

        var response = await api.PostUsageAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Equal(2, response.Json.GetProperty("queued").GetInt32());
        var rejected = response.Json.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("id").GetString(), r.GetProperty("field").GetString(), r.GetProperty("reason").GetString()))
            .ToList();
        Assert.Equal(
            [(1, "bad-1", "events[1].properties", "negative quantity"), (3, "bad-2", "events[3].customer", "unknown customer 'nobody-at-all'")],
            rejected);
        await Eventually.EqualAsync(new UsageTotal(12m, 2), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
    }

    [Fact]
    public async Task A_sum_meter_adds_numbers_and_decimal_strings()
    {
        var response = await api.PostUsageAsync(Batch(
        [
            Calls("s-1", customer, at, 1.5m),
            Event("s-2", customer, TestCatalog.Calls, at.AddMinutes(1), new { quantity = "2.25" }),
            Event("s-3", customer, TestCatalog.Calls, at.AddMinutes(2), new { quantity = 1e2 }),
        ]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        await Eventually.EqualAsync(new UsageTotal(103.75m, 3), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
    }

    [Fact]
    public async Task A_count_meter_counts_events_and_needs_no_property()
    {
        var response = await api.PostUsageAsync(Batch(
        [
            Event("c-1", customer, TestCatalog.Activations, at),
            Event("c-2", customer, TestCatalog.Activations, at, new { anything = "ignored" }),
            Event("c-3", customer, TestCatalog.Activations, at.AddMinutes(5)),
        ]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Equal(3, response.Json.GetProperty("queued").GetInt32());
        await Eventually.EqualAsync(new UsageTotal(3m, 3), () => api.TotalAsync(customer, TestCatalog.Activations), what: "sdk_activations");
    }

    [Fact]
    public async Task A_max_meter_keeps_the_largest_value()
    {
        var response = await api.PostUsageAsync(Batch(
        [
            Event("m-1", customer, TestCatalog.PeakQps, at, new { qps = 3 }),
            Event("m-2", customer, TestCatalog.PeakQps, at.AddMinutes(1), new { qps = "7.5" }),
            Event("m-3", customer, TestCatalog.PeakQps, at.AddMinutes(2), new { qps = 5 }),
        ]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        await Eventually.EqualAsync(new UsageTotal(7.5m, 3), () => api.TotalAsync(customer, TestCatalog.PeakQps), what: "peak_qps");
    }

    [Fact]
    public async Task A_unique_count_meter_counts_distinct_strings_and_numbers()
    {
        // "a" twice, and 5 / 5.0 / 5e0 are one number: distinct values are "a", "b", "5" and the string "5".
        var response = await api.PostUsageAsync(Batch(
        [
            Event("u-1", customer, TestCatalog.Devices, at, new { device = "a" }),
            Event("u-2", customer, TestCatalog.Devices, at, new { device = "b" }),
            Event("u-3", customer, TestCatalog.Devices, at, new { device = "a" }),
            Event("u-4", customer, TestCatalog.Devices, at, new { device = 5 }),
            Event("u-5", customer, TestCatalog.Devices, at, new { device = 5.0m }),
            Event("u-6", customer, TestCatalog.Devices, at, new { device = "5" }),
        ]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Equal(6, response.Json.GetProperty("queued").GetInt32());
        await Eventually.EqualAsync(4m, async () => (await api.TotalAsync(customer, TestCatalog.Devices)).Value, what: "active_devices");
    }

    [Fact]
    public async Task An_identical_repeat_within_a_request_is_a_duplicate_counted_once()
    {
        var first = Calls("d-1", customer, at, 4);

        var response = await api.PostUsageAsync(Batch([first, Calls("d-2", customer, at, 1), first, first]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Equal((2, 2, 0), (response.Json.GetProperty("queued").GetInt32(), response.Json.GetProperty("duplicates").GetInt32(), response.Json.GetProperty("rejected").GetArrayLength()));
        await Eventually.EqualAsync(new UsageTotal(5m, 2), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
    }

    [Fact]
    public async Task A_repeat_with_different_content_within_a_request_is_rejected_and_the_first_counts()
    {
        var response = await api.PostUsageAsync(Batch([Calls("x-1", customer, at, 4), Calls("x-1", customer, at, 40)]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        var rejection = Assert.Single(response.Json.GetProperty("rejected").EnumerateArray());
        Assert.Equal("duplicate id with different content", rejection.GetProperty("reason").GetString());
        Assert.Equal("events[1].id", rejection.GetProperty("field").GetString());
        await Eventually.EqualAsync(new UsageTotal(4m, 1), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
    }

    [Fact]
    public async Task A_repeat_in_a_later_request_counts_once_and_a_changed_one_is_recorded_for_operators()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostUsageAsync(Calls("l-1", customer, at, 4))).Status);
        await Eventually.EqualAsync(new UsageTotal(4m, 1), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostUsageAsync(Calls("l-1", customer, at, 4))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostUsageAsync(Calls("l-1", customer, at, 400))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostUsageAsync(Calls("l-2", customer, at, 1))).Status);

        // l-2 was queued after both repeats; once it shows, the repeats have been metered too (or are being retried).
        await Eventually.EqualAsync(new UsageTotal(5m, 2), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
        var conflicts = fixture.Storage.GetTableClient("usagerejections");
        var recorded = await Eventually.UntilAsync(() => conflicts.GetEntityIfExistsAsync(customer, "l-1"), e => e is not null);
        Assert.NotNull(recorded);
        Assert.Equal("duplicate id with different content", recorded.GetString("Reason"));
        Assert.Equal(new UsageTotal(5m, 2), await api.TotalAsync(customer, TestCatalog.Calls));
    }

    [Fact]
    public async Task Event_times_up_to_five_minutes_ahead_and_up_to_the_age_limit_are_accepted()
    {
        var now = DateTimeOffset.UtcNow;
        var response = await api.PostUsageAsync(Batch(
        [
            Calls("t-1", customer, now.AddMinutes(3), 1),
            Calls("t-2", customer, now.AddDays(-34), 2),
        ]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Equal(2, response.Json.GetProperty("queued").GetInt32());
        await Eventually.EqualAsync(new UsageTotal(3m, 2), () => api.TotalAsync(customer, TestCatalog.Calls), what: "api_calls");
    }

    [Fact]
    public async Task An_event_before_the_customer_starts_is_rejected()
    {
        var late = TestCatalog.NewCustomerId("late-start");
        await api.CreateCustomerAsync(late, DateTimeOffset.UtcNow.AddDays(1));

        var response = await api.PostUsageAsync(Calls("b-1", late, at, 1));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains($"event time before customer '{late}' starts", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private string Fill(string template) => template
        .Replace("{customer}", customer, StringComparison.Ordinal)
        .Replace("{at}", Timestamp(at), StringComparison.Ordinal)
        .Replace("{ahead}", Timestamp(DateTimeOffset.UtcNow.AddMinutes(10)), StringComparison.Ordinal)
        .Replace("{old}", Timestamp(DateTimeOffset.UtcNow.AddDays(-36)), StringComparison.Ordinal);
}
