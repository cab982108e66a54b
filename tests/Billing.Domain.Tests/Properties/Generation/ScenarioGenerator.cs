using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// Makes varied but valid scenarios from FsCheck's choices (<see cref="Choices"/>): the same choices and options
/// always give the same document, so a failing case is replayed by FsCheck's replay seed alone. A scenario has a catalog (per-unit, graduated, volume,
/// package and flat charges, free quota, meter rounding), a few customers with coupons, tax, packs and
/// sub-accounts, events (some received late, some repeated, a few invalid) and payments.
/// </summary>
internal sealed partial class ScenarioGenerator
{
    private static readonly string[] Zones = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Kolkata"];
    private static readonly string[] Currencies = ["CNY", "USD", "EUR", "JPY", "KWD"];

    private readonly Choices random;
    private readonly GenerationOptions options;
    private readonly List<GeneratedMeter> meters = [];
    private readonly List<CustomerSketch> customers = [];
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private string unit = "month";
    private int minorUnits = 2;
    private DateTimeOffset start;
    private DateTimeOffset end;
    private JsonNode? plansNode;

    private ScenarioGenerator(Choices choices, GenerationOptions options)
    {
        random = choices;
        this.options = options;
    }

    /// <summary>The scenario these choices make.</summary>
    public static GeneratedScenario Generate(IReadOnlyList<int> choices, GenerationOptions? options = null) =>
        new ScenarioGenerator(new Choices(choices), options ?? GenerationOptions.Default).Build();

    /// <summary>How many of <paramref name="choices"/> the scenario they make reads (the rest leave it unchanged).</summary>
    public static int ChoicesRead(IReadOnlyList<int> choices, GenerationOptions options)
    {
        var read = new Choices(choices);
        new ScenarioGenerator(read, options).Build();
        return read.Used;
    }

    private GeneratedScenario Build()
    {
        var zoneName = Pick(Zones);
        zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        var currency = Pick(Currencies);
        minorUnits = currency switch { "JPY" => 0, "KWD" => 3, _ => 2 };
        unit = Chance(0.2) ? "quarter" : "month";
        var firstMonth = random.Next(1, 4);
        var months = unit == "month" ? random.Next(2, 5) : random.Next(4, 8);
        start = LocalMidnight(2026, firstMonth, 1);
        var lastMonth = new DateTime(2026, firstMonth, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(months);
        end = LocalMidnight(lastMonth.Year, lastMonth.Month, 1) + TimeSpan.FromHours(random.Next(0, 97));

        var document = new JsonObject
        {
            ["start"] = Instant(start),
            ["end"] = Instant(end),
            ["timezone"] = zoneName,
            ["currency"] = currency,
        };
        if (Chance(0.5))
        {
            document["lateArrivalGraceHours"] = Pick([0, 1, 2, 6]);
        }

        document["meters"] = Meters();
        plansNode = Plans();
        document["plans"] = plansNode;
        document["customers"] = Customers();
        document["events"] = Events();
        document["payments"] = Payments();
        return new GeneratedScenario(document);
    }

    private JsonArray Payments()
    {
        var payments = new JsonArray();
        var count = random.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            var customer = Pick(customers);
            var at = Between(start, end + TimeSpan.FromDays(3));
            var payment = new JsonObject
            {
                ["id"] = "pay-" + (i + 1).ToString(CultureInfo.InvariantCulture),
                ["customer"] = customer.Id,
                ["at"] = Instant(at),
                ["amount"] = Money(1m, 3000m, positive: true),
            };
            if (Chance(0.3))
            {
                var month = Between(start, end + TimeSpan.FromDays(40));
                payment["period"] = PeriodName(month);
            }

            payments.Add(payment);
        }

        return payments;
    }

    private string PeriodName(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return unit == "month"
            ? local.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{local.Year}-Q{((local.Month - 1) / 3) + 1}");
    }

    private DateTimeOffset LocalMidnight(int year, int month, int day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified), zone), TimeSpan.Zero);

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A whole-second instant in [from, to).</summary>
    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to)
    {
        var seconds = (long)(to - from).TotalSeconds;
        return from + TimeSpan.FromSeconds(seconds <= 0 ? 0 : random.NextInt64(seconds));
    }

    private bool Chance(double probability) => random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A decimal in [min, max] with up to <paramref name="decimals"/> places.</summary>
    private decimal Decimal(decimal min, decimal max, int decimals)
    {
        var scale = (decimal)Math.Pow(10, decimals);
        var steps = (long)((max - min) * scale);
        return min + (random.NextInt64(steps + 1) / scale);
    }

    /// <summary>A money amount of the currency as a JSON string, never with more decimals than the currency has (the reader refuses those).</summary>
    private string Money(decimal min, decimal max, bool positive = false)
    {
        var value = Decimal(min, max, minorUnits);
        if (positive && value <= 0m)
        {
            value = 1m;
        }

        return Text(value);
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record CustomerSketch(string Id, DateTimeOffset StartsAt, string? ChildBilling);
}
