using System.Globalization;
using System.Text.Json;
using Billing.Domain.Metering;

namespace Billing.Application.Ingestion;

/// <summary>
/// What Table Storage would refuse when the event is metered, checked at the door so that a bad event is rejected
/// on its own instead of failing its batch later. An event is stored as one row whose <c>Body</c> column holds its
/// JSON as received (compact; text outside ASCII escaped as <c>\uXXXX</c>), so:
/// <list type="bullet">
/// <item>the stored JSON is at most <see cref="MaxStringLength"/> characters (a string column holds 64 KiB of
/// UTF-16), which also keeps the row far under the 1 MiB entity limit;</item>
/// <item>a string property is at most <see cref="MaxStringLength"/> characters on its own;</item>
/// <item><c>properties</c> holds at most <see cref="MaxProperties"/> entries (the columns an entity has besides
/// PartitionKey, RowKey and Timestamp), each named as a table column may be (<see cref="EventPropertyName"/>, the rule
/// a catalog's meters are held to as well);</item>
/// <item>a property is a number, string, boolean or null: nested objects and arrays are refused;</item>
/// <item>the id and string properties hold no control characters (they would reach keys, logs and reports);</item>
/// <item>an event has only the scenario format's fields (<see cref="KnownFields"/>): an unknown field is refused,
/// never stored or echoed back.</item>
/// </list>
/// </summary>
public static class EventStorageRules
{
    /// <summary>The characters of one string property: 64 KiB of UTF-16.</summary>
    public const int MaxStringLength = 32 * 1024;

    /// <summary>An entity's 255 properties less PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxProperties = 252;

    /// <summary>The fields of an event in the scenario format.</summary>
    public static IReadOnlyList<string> KnownFields { get; } = ["id", "customer", "meter", "at", "receivedAt", "properties"];

    /// <summary>
    /// The first rule the event breaks, as a field relative to the event (<c>.properties.note</c>, or empty for the
    /// event as a whole) and a reason; null when Table Storage can hold it. <paramref name="storedJson"/> is the
    /// event's JSON as it will be stored.
    /// </summary>
    public static (string Field, string Reason)? Problem(JsonElement element, string storedJson)
    {
        foreach (var field in element.EnumerateObject())
        {
            if (!KnownFields.Contains(field.Name, StringComparer.Ordinal))
            {
                return ("." + field.Name, $"unknown field; an event has {string.Join(", ", KnownFields)}");
            }
        }

        if (element.GetProperty("id").GetString()!.Any(char.IsControl))
        {
            return (".id", "holds control characters");
        }

        if (element.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && PropertiesProblem(properties) is { } problem)
        {
            return problem;
        }

        return storedJson.Length > MaxStringLength
            ? (string.Empty, string.Create(CultureInfo.InvariantCulture, $"the event is {storedJson.Length:N0} characters as stored JSON (text outside ASCII counts 6 per character); at most {MaxStringLength:N0}"))
            : null;
    }

    private static (string Field, string Reason)? PropertiesProblem(JsonElement properties)
    {
        var count = 0;
        foreach (var property in properties.EnumerateObject())
        {
            if (++count > MaxProperties)
            {
                return (".properties", string.Create(CultureInfo.InvariantCulture, $"has {properties.EnumerateObject().Count()} properties; at most {MaxProperties}"));
            }

            if (!EventPropertyName.IsValid(property.Name))
            {
                return (".properties", $"property name '{Printable(property.Name)}' is not allowed: {EventPropertyName.Rule}");
            }

            var field = ".properties." + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object or JsonValueKind.Array:
                    return (field, "nested objects and arrays are not accepted; a property is a number, string, boolean or null");
                case JsonValueKind.String:
                    var text = property.Value.GetString()!;
                    if (text.Length > MaxStringLength)
                    {
                        return (field, string.Create(CultureInfo.InvariantCulture, $"is {text.Length:N0} characters; at most {MaxStringLength:N0}"));
                    }

                    if (text.Any(char.IsControl))
                    {
                        return (field, "holds control characters");
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>A name as it can be quoted in a reason: control characters shown as <c>\uXXXX</c>, long names cut.</summary>
    private static string Printable(string name)
    {
        var shown = string.Concat(name.Take(64).Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString()));
        return name.Length > 64 ? shown + "..." : shown;
    }
}
