using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// The usage half of the generator. Most events are valid; a few name an unknown customer or meter, carry
/// a negative quantity or fall before the customer's start. Some arrive minutes or days after their time
/// (days: after their period was settled), some are exact repeats, and a few reuse an id with other content.
/// </summary>
internal sealed partial class ScenarioGenerator
{
    private readonly HashSet<DateTimeOffset> arrivals = [];
    private int eventNumber;

    private JsonArray Events()
    {
        var events = new List<JsonObject>();
        foreach (var customer in customers)
        {
            var count = random.Next(0, 31);
            for (var i = 0; i < count; i++)
            {
                var usage = Event(customer);
                events.Add(usage);
                if (Chance(0.05))
                {
                    events.Add((JsonObject)usage.DeepClone());
                }
                else if (Chance(0.02))
                {
                    events.Add(Conflicting(usage));
                }
            }
        }

        // The document order carries no meaning (arrival order is by receivedAt), so mix it.
        var array = new JsonArray();
        foreach (var usage in events.OrderBy(_ => random.Next()))
        {
            array.Add(usage);
        }

        return array;
    }

    private JsonObject Event(CustomerSketch customer)
    {
        var meter = Pick(meters);
        var meterCode = Chance(0.02) ? "gpu_hours" : meter.Code;
        var customerId = Chance(0.02) ? "nobody" : customer.Id;
        var from = Chance(0.03) ? customer.StartsAt - TimeSpan.FromDays(2) : customer.StartsAt;
        var at = Chance(0.05) ? PeriodBoundary(from) : Between(from, end);
        var usage = new JsonObject
        {
            ["id"] = EventId(),
            ["customer"] = customerId,
            ["meter"] = meterCode,
            ["at"] = Instant(at),
        };
        var properties = Properties(meter);
        if (properties is not null)
        {
            usage["properties"] = properties;
        }

        var receivedAt = Chance(0.7) ? at
            : Chance(0.6) ? at + TimeSpan.FromMinutes(random.Next(1, 600))
            : at + TimeSpan.FromHours(random.Next(1, 480));
        receivedAt = Arrival(receivedAt);
        if (receivedAt != at || Chance(0.2))
        {
            usage["receivedAt"] = Instant(receivedAt);
        }

        return usage;
    }

    /// <summary>An event id such as <c>evt-000042-7f3a</c>, unique in the scenario.</summary>
    private string EventId() =>
        string.Create(CultureInfo.InvariantCulture, $"evt-{++eventNumber:D6}-{random.Next(0x10000):x4}");

    /// <summary>The first instant of a random period of the window (events exactly on a boundary).</summary>
    private DateTimeOffset PeriodBoundary(DateTimeOffset from)
    {
        var local = TimeZoneInfo.ConvertTime(Between(from, end), zone);
        return LocalMidnight(local.Year, local.Month, 1);
    }

    /// <summary>With distinct arrivals, the next instant from <paramref name="wanted"/> no other event arrives at.</summary>
    private DateTimeOffset Arrival(DateTimeOffset wanted)
    {
        if (!options.DistinctArrivals)
        {
            return wanted;
        }

        while (!arrivals.Add(wanted))
        {
            wanted += TimeSpan.FromSeconds(1);
        }

        return wanted;
    }

    private JsonObject? Properties(GeneratedMeter meter)
    {
        switch (meter.Code)
        {
            case "calls":
                return new JsonObject { ["quantity"] = Quantity(0m, 2000m, 0, asString: Chance(0.1)) };
            case "gb":
                return new JsonObject { ["gb"] = Quantity(0m, 40m, 3, asString: false) };
            case "qps":
                return new JsonObject { ["qps"] = Quantity(0m, 60m, 1, asString: false) };
            case "devices":
                return new JsonObject { ["device"] = Chance(0.8) ? "dev-" + random.Next(1, 9).ToString(CultureInfo.InvariantCulture) : random.Next(1, 9) };
            default:
                return Chance(0.5) ? null : new JsonObject { ["sdk"] = "ios" };
        }
    }

    /// <summary>A quantity as a JSON number (or, sometimes, a string holding one); rarely negative, to be rejected.</summary>
    private JsonNode Quantity(decimal min, decimal max, int decimals, bool asString)
    {
        var value = Chance(0.02) ? -Decimal(1m, 10m, 0) : Decimal(min, max, decimals);
        return asString ? JsonValue.Create(Text(value)) : JsonValue.Create(value);
    }

    /// <summary>An event with the same id and other content, arriving later (to be rejected as a conflicting duplicate).</summary>
    private JsonObject Conflicting(JsonObject original)
    {
        var copy = (JsonObject)original.DeepClone();
        var at = DateTimeOffset.Parse((string)copy["at"]!, CultureInfo.InvariantCulture);
        var received = copy["receivedAt"] is { } r ? DateTimeOffset.Parse((string)r!, CultureInfo.InvariantCulture) : at;
        copy["receivedAt"] = Instant(Arrival(received + TimeSpan.FromMinutes(random.Next(1, 120))));
        copy["properties"] = new JsonObject { ["note"] = "resent with other content" };
        return copy;
    }
}
