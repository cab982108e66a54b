using System.Text;
using System.Text.Json;
using Billing.Domain.Metering;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// Reads one usage event in the scenario format (<c>id</c>, <c>customer</c>, <c>meter</c>, <c>at</c>,
/// optional <c>receivedAt</c> and <c>properties</c>). Structural faults throw
/// <see cref="ScenarioFormatException"/> naming the field; whether the customer, meter and property make
/// sense is judged later by <see cref="UsageValidation"/>.
/// </summary>
public static class UsageEventReader
{
    /// <summary>Reads an event; <paramref name="receivedAt"/>, when given, overrides the document's (a live pipeline knows when it received it).</summary>
    public static RawUsageEvent Read(JsonElement element, string path, DateTimeOffset? receivedAt = null) =>
        Read(new JsonNode(element, path), receivedAt);

    internal static RawUsageEvent Read(JsonNode item) => Read(item, null);

    private static RawUsageEvent Read(JsonNode item, DateTimeOffset? receivedOverride)
    {
        item.ExpectObject();
        var id = item.Required("id").String();
        if (id.Length > 256)
        {
            throw item.Property("id").Fault("longer than 256 characters");
        }

        var customer = item.Required("customer").String();
        var meter = item.Required("meter").String();
        var at = item.Required("at").Timestamp();
        var receivedNode = item.Property("receivedAt");
        var receivedAt = receivedOverride ?? (receivedNode.IsNull ? at : receivedNode.Timestamp());
        if (receivedOverride is null && receivedAt < at)
        {
            throw receivedNode.Fault("before at");
        }

        return new RawUsageEvent(id, customer, meter, at, receivedAt, ReadProperties(item.Property("properties")), Fingerprint(item.Element));
    }

    private static Dictionary<string, EventProperty>? ReadProperties(JsonNode node)
    {
        if (node.IsNull)
        {
            return null;
        }

        node.ExpectObject();
        var properties = new Dictionary<string, EventProperty>(StringComparer.Ordinal);
        foreach (var property in node.Element.EnumerateObject())
        {
            properties[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Number => new EventProperty(EventPropertyKind.Number, property.Value.GetRawText()),
                JsonValueKind.String => new EventProperty(EventPropertyKind.String, property.Value.GetString()!),
                _ => new EventProperty(EventPropertyKind.Other, property.Value.GetRawText()),
            };
        }

        return properties;
    }

    /// <summary>The event object's JSON without insignificant white space: equal for identical content.</summary>
    private static string Fingerprint(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
