using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// Answer of the <c>NextDunningInstant</c> activity: the next business instant that matters for the invoice after the
/// handled one (a ladder step, a payment-plan installment or a step counted from one), or none: the dunning is over,
/// because the invoice is paid (<see cref="Paid"/>) or nothing is left ahead.
/// </summary>
public sealed record DunningInstant(
    [property: JsonPropertyName("nextAt")] DateTimeOffset? NextAt,
    [property: JsonPropertyName("paid")] bool Paid);
