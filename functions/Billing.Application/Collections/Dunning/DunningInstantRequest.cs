using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>Input of the <c>NextDunningInstant</c> activity: the invoice (customer, period) and the instant up to which its dunning has been handled (null: none yet).</summary>
public sealed record DunningInstantRequest(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("handledUntil")] DateTimeOffset? HandledUntil);
