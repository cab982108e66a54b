using System.Globalization;
using System.Text.Json;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>Usage events in the scenario format, written as a webhook sender writes them.</summary>
public static class UsageEvents
{
    /// <summary>An event object; <paramref name="properties"/> is serialized as given (numbers stay numbers).</summary>
    public static string Event(string id, string customer, string meter, DateTimeOffset at, object? properties = null)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = id,
            ["customer"] = customer,
            ["meter"] = meter,
            ["at"] = Timestamp(at),
        };
        if (properties is not null)
        {
            fields["properties"] = properties;
        }

        return JsonSerializer.Serialize(fields);
    }

    /// <summary>A sum-meter event carrying <paramref name="quantity"/>.</summary>
    public static string Calls(string id, string customer, DateTimeOffset at, decimal quantity) =>
        Event(id, customer, TestCatalog.Calls, at, new Dictionary<string, decimal> { ["quantity"] = quantity });

    public static string Batch(IEnumerable<string> events) => "{\"events\":[" + string.Join(',', events) + "]}";

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant well inside the accepted window: an hour ago, on the minute.</summary>
    public static DateTimeOffset RecentInstant()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
    }
}
