using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Domain.Catalog;
using Billing.Domain.Metering;
using Billing.Domain.Packs;
using Billing.Domain.Periods;
using Billing.Domain.Quotas;
using Billing.Domain.Rating;
using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioOutcome;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Metering: aggregation per meter, meter rounding of the billable period total, event ids counted once,
/// and rejection of events that cannot be metered.
/// </summary>
public sealed class MeteringTests
{
    [Fact]
    public void Each_aggregation_turns_the_period_into_one_quantity()
    {
        var invoice = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("gb", "sum", "gb").Meter("calls", "count", null).Meter("qps", "max", "qps").Meter("devices", "unique_count", "device")
            .Plan("std", [PerUnit("gb", "gb", "1.00"), PerUnit("calls", "calls", "1.00"), PerUnit("qps", "qps", "1.00"), PerUnit("devices", "devices", "1.00")])
            .Customer("acme", "std")
            .Event("s1", "acme", "gb", "2026-01-02T00:00:00Z", new JsonObject { ["gb"] = 1.5m })
            .Event("s2", "acme", "gb", "2026-01-03T00:00:00Z", new JsonObject { ["gb"] = "2" })    // a string holding a decimal
            .Event("c1", "acme", "calls", "2026-01-02T00:00:00Z", (JsonObject?)null)
            .Event("c2", "acme", "calls", "2026-01-03T00:00:00Z", (JsonObject?)null)
            .Event("c3", "acme", "calls", "2026-01-04T00:00:00Z", new JsonObject { ["anything"] = "x" })
            .Event("m1", "acme", "qps", "2026-01-02T00:00:00Z", new JsonObject { ["qps"] = 3 })
            .Event("m2", "acme", "qps", "2026-01-03T00:00:00Z", new JsonObject { ["qps"] = 7 })
            .Event("m3", "acme", "qps", "2026-01-04T00:00:00Z", new JsonObject { ["qps"] = 5 })
            .Event("u1", "acme", "devices", "2026-01-02T00:00:00Z", new JsonObject { ["device"] = "a" })
            .Event("u2", "acme", "devices", "2026-01-03T00:00:00Z", new JsonObject { ["device"] = "b" })
            .Event("u3", "acme", "devices", "2026-01-04T00:00:00Z", new JsonObject { ["device"] = "a" })
            .Run().Usage("acme", "2026-01");

        Assert.Equal(3.5m, invoice.Line("gb").Quantity);
        Assert.Equal(3m, invoice.Line("calls").Quantity);
        Assert.Equal(7m, invoice.Line("qps").Quantity);
        Assert.Equal(2m, invoice.Line("devices").Quantity);
    }

    [Theory]
    [InlineData("1", "up", "0.2,0.3", "1")]        // total 0.5; rounding each event up would give 2
    [InlineData("1", "down", "0.2,0.3", "0")]
    [InlineData("1", "nearest", "0.2,0.3", "1")]   // midpoint away from zero
    [InlineData("1", "up", "1.2,0.2", "2")]
    [InlineData("1", "down", "1.2,0.2", "1")]
    [InlineData("1", "nearest", "1.2,0.2", "1")]
    [InlineData("1", "nearest", "1.2,0.3", "2")]
    [InlineData("0.5", "up", "1.2", "1.5")]
    [InlineData("0.5", "down", "1.2", "1.0")]
    [InlineData("0.5", "nearest", "1.25", "1.5")]
    [InlineData("1", "up", "3", "3")]              // already on the increment
    public void Meter_rounding_applies_to_the_period_total(string increment, string mode, string events, string quantity)
    {
        var scenario = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("egress", "sum", "quantity", increment, mode)
            .Plan("std", [PerUnit("egress", "egress", "0.80")])
            .Customer("acme", "std");
        var day = 2;
        foreach (var gb in events.Split(','))
        {
            scenario.Event("e" + day, "acme", "egress", $"2026-01-{day++:D2}T00:00:00Z", gb);
        }

        var line = scenario.Run().Usage("acme", "2026-01").Line("egress");

        Assert.Equal(Dec(quantity), line.Quantity);
        Assert.Equal(Math.Round(Dec(quantity) * 0.80m, 2, MidpointRounding.AwayFromZero), line.Amount);
    }

    [Fact]
    public void Meter_rounding_applies_after_deduction()
    {
        // 2.3 used, 0.5 free: 1.8 billable, rounded up to 2 (rounding first would give 3 - 0.5 = 2.5).
        var line = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("egress", "sum", "quantity", "1", "up")
            .Plan("std", [PerUnit("egress", "egress", "1.00")], extra: FreeQuota("egress", "0.5"))
            .Customer("acme", "std")
            .Event("e1", "acme", "egress", "2026-01-02T00:00:00Z", "2.3")
            .Run().Usage("acme", "2026-01").Line("egress");

        Assert.Equal(new OutcomeLine("egress", 2m, 2.00m), line);
    }

    [Fact]
    public void An_identical_repeat_of_an_event_is_ignored_silently()
    {
        var outcome = Basic()
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "10")
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "10")
            .Run();

        Assert.Equal(10m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Empty(outcome.Rejected);
    }

    [Fact]
    public void A_repeat_with_different_content_is_rejected_and_the_first_arrival_counts()
    {
        // Listed first but received later, the 5 is the repeat; the 7 arrived first.
        var outcome = Basic()
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "5", receivedAt: "2026-01-06T00:00:00Z")
            .Event("e1", "acme", "api_calls", "2026-01-05T00:00:00Z", "7")
            .Run();

        Assert.Equal(7m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal("duplicate id with different content", outcome.Rejected["e1"]);
    }

    public static TheoryData<string, JsonObject> Unmeterable() => new()
    {
        { "unknown customer", Event("nobody", "api_calls", "2026-01-05T00:00:00Z", new() { ["quantity"] = 1 }) },
        { "unknown meter", Event("acme", "gpu_hours", "2026-01-05T00:00:00Z", new() { ["quantity"] = 1 }) },
        { "missing property", Event("acme", "api_calls", "2026-01-05T00:00:00Z", new() { ["other"] = 1 }) },
        { "no properties", Event("acme", "api_calls", "2026-01-05T00:00:00Z", null) },
        { "non-numeric property", Event("acme", "api_calls", "2026-01-05T00:00:00Z", new() { ["quantity"] = "many" }) },
        { "boolean property", Event("acme", "api_calls", "2026-01-05T00:00:00Z", new() { ["quantity"] = true }) },
        { "negative quantity", Event("acme", "api_calls", "2026-01-05T00:00:00Z", new() { ["quantity"] = -5 }) },
        { "before the scenario starts", Event("acme", "api_calls", "2025-12-31T23:59:59Z", new() { ["quantity"] = 1 }) },
        { "before the customer starts", Event("late-starter", "api_calls", "2026-01-09T23:59:59Z", new() { ["quantity"] = 1 }) },
    };

    [Theory]
    [MemberData(nameof(Unmeterable))]
    public void An_event_that_cannot_be_metered_is_rejected_with_a_reason_and_changes_nothing(string why, JsonObject usage)
    {
        usage["id"] = "bad";
        var outcome = Basic()
            .Customer("late-starter", "std", new() { ["startsAt"] = "2026-01-10T00:00:00Z" })
            .Event("good", "acme", "api_calls", "2026-01-05T00:00:00Z", "3")
            .Event("bad", usage["customer"]!.GetValue<string>(), usage["meter"]!.GetValue<string>(), usage["at"]!.GetValue<string>(), usage["properties"]?.DeepClone().AsObject())
            .Run();

        Assert.True(outcome.Rejected.TryGetValue("bad", out var reason), why);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Equal(3m, outcome.Usage("acme", "2026-01").Line("calls").Quantity);
        Assert.Equal(0m, outcome.Usage("late-starter", "2026-01").Line("calls").Quantity);
    }

    [Theory]
    [InlineData("2026-01-19T23:59:59Z", "90")]
    [InlineData("2026-01-20T00:00:00Z", "100")]   // received exactly at end
    [InlineData("2026-01-25T00:00:00Z", "100")]
    public void An_event_received_at_or_after_end_never_arrives(string receivedAt, string packLeft)
    {
        var outcome = PackAllocationTests.Scenario("2026-01-20T00:00:00Z", Pack("p1", "api_calls", "100", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"))
            .Event("e1", "acme", "api_calls", "2026-01-06T00:00:00Z", "10", receivedAt)
            .Run();

        Assert.Equal(Dec(packLeft), outcome.PackRemaining("acme", "p1"));
        Assert.Empty(outcome.Rejected);
    }

    [Theory]
    [InlineData(Aggregation.Max, "7")]
    [InlineData(Aggregation.UniqueCount, "2")]
    public void Max_and_unique_count_meters_are_never_deducted(Aggregation aggregation, string billable)
    {
        // Even handed a pack and a free quota on the meter, the rating takes nothing from them.
        var calendar = new BillingCalendar(TimeZoneInfo.Utc);
        var meter = new Meter("m", aggregation, "v", null);
        var from = At("2026-01-01T00:00:00Z");
        var pack = new PrepaidPack("p1", "acme", "m", 1000m, 0m, from, from, At("2026-03-01T00:00:00Z"), PackAllocationMode.Once, false);
        var quota = new FreeQuotaLedger(new FreeQuota("m", 1000m, QuotaRenewal.Period), from, at => calendar.PeriodContaining(at, PeriodUnit.Month).Start);
        var usage = new MeterUsage(meter, Plan.DefaultDeductionOrder, new PackLedger([pack], calendar), quota, keepDetails: false);
        var period = calendar.PeriodContaining(from, PeriodUnit.Month);

        usage.Receive(new UsageEvent("e1", "acme", "m", At("2026-01-02T00:00:00Z"), At("2026-01-02T00:00:00Z"), 3m, "s:a"), period, null);
        usage.Receive(new UsageEvent("e2", "acme", "m", At("2026-01-03T00:00:00Z"), At("2026-01-03T00:00:00Z"), 7m, "s:b"), period, null);
        var totals = usage.Settle(period);

        Assert.Equal(Dec(billable), usage.BillableQuantity(totals));
        Assert.Equal(0m, totals.FromPacks);
        Assert.Equal(0m, totals.FromFreeQuota);
    }

    [Theory]
    [InlineData("12.5", true)]
    [InlineData("1e3", true)]
    [InlineData("-1", true)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    [InlineData(" 1", false)]
    [InlineData("1,000", false)]
    [InlineData("NaN", false)]
    public void Quantities_are_read_as_decimal_text(string text, bool readable) =>
        Assert.Equal(readable, MeterReading.TryParseDecimal(text, out _));

    private static ScenarioBuilder Basic() =>
        ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std");

    private static JsonObject Event(string customer, string meter, string at, JsonObject? properties)
    {
        var usage = new JsonObject { ["customer"] = customer, ["meter"] = meter, ["at"] = at };
        if (properties is not null)
        {
            usage["properties"] = properties;
        }

        return usage;
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
