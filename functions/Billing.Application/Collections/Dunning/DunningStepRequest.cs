using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>Input of the <c>CollectDunningStep</c> activity: the invoiced customer and the period of the usage invoice dunned.</summary>
public sealed record DunningStepRequest(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("period")] string Period);
