using System.ComponentModel;
using System.Text.Json;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>One usage event as <c>POST /api/usage</c> takes it.</summary>
public sealed record UsageEventRequest(
    [property: Description("The event's id: a repeat with the same content counts once.")] string Id,
    string Customer,
    [property: Description("A meter code of the catalog.")] string Meter,
    [property: Description("Event time, ISO 8601 with an offset.")] DateTimeOffset At,
    [property: Description("The properties the meter reads (a number for sum and max meters, a value for unique_count).")] IReadOnlyDictionary<string, JsonElement> Properties);

/// <summary>A batch of at most 1,000 events.</summary>
public sealed record UsageBatchRequest(IReadOnlyList<UsageEventRequest> Events);
