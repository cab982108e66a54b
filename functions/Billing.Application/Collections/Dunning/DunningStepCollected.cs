using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>Answer of the <c>CollectDunningStep</c> activity: the business instant it settled and collected at, and whether the period's usage invoice is paid by then.</summary>
public sealed record DunningStepCollected(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("paid")] bool Paid);
