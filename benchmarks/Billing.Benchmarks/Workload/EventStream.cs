using System.Collections;
using System.Globalization;
using Billing.Domain.Metering;

namespace Billing.Benchmarks.Workload;

/// <summary>
/// The workload's usage events, made one at a time in arrival order (nothing is materialised). Month by
/// month, the month's events are spread evenly over it, customers in turn; each customer's tenth events go
/// 60 % to api_calls, 30 % to sessions, 10 % to peak_qps. Each event is shaped as the ingestion reader
/// shapes one: an id of 25 characters (<c>cust-0001-202601-000003e7</c>), a property dictionary and the event's JSON as its fingerprint.
/// Some events arrive after younger ones, some after their period was settled, some twice.
/// </summary>
internal sealed class EventStream(WorkloadShape shape, TimeZoneInfo zone) : IEnumerable<RawUsageEvent>
{
    private static readonly TimeSpan SettlementGrace = TimeSpan.FromHours(2);

    // The few distinct property values, formatted once: the events' text is the same, and the time that
    // goes to making the workload is less of what is measured.
    private static readonly string[] Numbers = Enumerable.Range(0, 101).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();
    private readonly string[] customerIds = Enumerable.Range(0, shape.Customers).Select(WorkloadScenario.CustomerId).ToArray();
    private long produced;

    /// <summary>Events handed out so far (read from another thread for progress).</summary>
    public long Produced => Volatile.Read(ref produced);

    public IEnumerator<RawUsageEvent> GetEnumerator()
    {
        var perMonth = (long)shape.Customers * shape.EventsPerCustomerPerMonth;
        for (var month = 0; month < shape.Months; month++)
        {
            var monthStart = LocalMonthStart(month);
            var monthEnd = LocalMonthStart(month + 1);
            var spacing = (monthEnd - monthStart).Ticks / perMonth;
            var monthName = monthStart.ToOffset(zone.GetUtcOffset(monthStart)).ToString("yyyyMM", CultureInfo.InvariantCulture);
            for (var k = 0L; k < perMonth; k++)
            {
                var receivedAt = monthStart + TimeSpan.FromTicks(k * spacing);
                var at = receivedAt;
                if (k % shape.OutOfOrderEvery == shape.OutOfOrderEvery / 2 && receivedAt - TimeSpan.FromMinutes(10) >= monthStart)
                {
                    at = receivedAt - TimeSpan.FromMinutes(10);
                }
                else if (month > 0 && k % shape.LateEvery == shape.LateEvery / 3 && receivedAt > monthStart + SettlementGrace)
                {
                    at = monthStart - TimeSpan.FromMinutes(30);
                }

                var usage = Event((int)(k % shape.Customers), (int)(k / shape.Customers), monthName, at, receivedAt);
                yield return usage;
                if (k % shape.RepeatEvery == 5)
                {
                    yield return usage;
                }

                if ((k & 0xFFF) == 0)
                {
                    Volatile.Write(ref produced, (month * perMonth) + k);
                }
            }
        }

        Volatile.Write(ref produced, shape.TotalEvents);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private RawUsageEvent Event(int customer, int sequence, string monthName, DateTimeOffset at, DateTimeOffset receivedAt)
    {
        var customerId = customerIds[customer];
        var id = string.Create(CultureInfo.InvariantCulture, $"{customerId}-{monthName}-{sequence:x8}");
        var slot = sequence % 10;
        var mix = (uint)((customer * 7919) + (sequence * 104_729)) % 1000u;
        string meter;
        Dictionary<string, EventProperty>? properties;
        string propertyJson;
        if (slot < 6)
        {
            meter = "api_calls";
            var quantity = Numbers[1 + (mix % 100)];
            properties = new Dictionary<string, EventProperty>(1, StringComparer.Ordinal) { ["quantity"] = new(EventPropertyKind.Number, quantity) };
            propertyJson = ",\"properties\":{\"quantity\":" + quantity + "}";
        }
        else if (slot < 9)
        {
            meter = "sessions";
            properties = null;
            propertyJson = string.Empty;
        }
        else
        {
            meter = "peak_qps";
            var qps = Numbers[mix % 60];
            properties = new Dictionary<string, EventProperty>(1, StringComparer.Ordinal) { ["qps"] = new(EventPropertyKind.Number, qps) };
            propertyJson = ",\"properties\":{\"qps\":" + qps + "}";
        }

        var atText = WorkloadScenario.Instant(at);
        var fingerprint = receivedAt == at
            ? string.Concat("{\"id\":\"", id, "\",\"customer\":\"", customerId, "\",\"meter\":\"", meter, "\",\"at\":\"", atText, "\"", propertyJson, "}")
            : string.Concat(string.Concat("{\"id\":\"", id, "\",\"customer\":\"", customerId, "\",\"meter\":\"", meter, "\",\"at\":\"", atText), "\",\"receivedAt\":\"", WorkloadScenario.Instant(receivedAt), "\"", propertyJson, "}");
        return new RawUsageEvent(id, customerId, meter, at, receivedAt, properties, fingerprint);
    }

    private DateTimeOffset LocalMonthStart(int month)
    {
        var local = new DateTime(WorkloadScenario.Start.Year, WorkloadScenario.Start.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(month);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
