using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// Answer of the <c>NextDunningInstant</c> activity: the next business instant that matters for the invoice after the
/// handled one (a ladder step, a payment-plan installment or a step counted from one), or none. With none, the invoice
/// is paid (<see cref="Paid"/>), or still unpaid with nothing left ahead (<see cref="AwaitingPayment"/>: the ladder has
/// run and no plan is agreed; the dunning waits for a payment or a plan), or not found (neither: nothing to dun).
/// </summary>
public sealed record DunningInstant(
    [property: JsonPropertyName("nextAt")] DateTimeOffset? NextAt,
    [property: JsonPropertyName("paid")] bool Paid,
    [property: JsonPropertyName("awaitingPayment")] bool AwaitingPayment = false);
