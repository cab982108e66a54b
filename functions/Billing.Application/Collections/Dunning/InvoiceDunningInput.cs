using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// What an <see cref="InvoiceDunning"/> instance starts (and continues as new) with: the invoiced customer and the
/// period of its usage invoice; <see cref="HandledUntil"/>, the business instant up to which every instant that matters
/// has been collected (null at start: none yet); whether business time is the simulated clock (then timers are
/// <c>clock</c> events); <see cref="Clock"/>, the latest business instant the instance has seen (UTC); and
/// <see cref="Next"/>, the next instant as the settlement that started the instance computed it (the answer of the
/// <c>NextDunningInstant</c> activity, so the first episode need not read the invoice again); it is dropped at every
/// continue-as-new, and an instance without it (started without it, or continued) asks the activity.
/// </summary>
public sealed record InvoiceDunningInput(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("handledUntil")] DateTimeOffset? HandledUntil,
    [property: JsonPropertyName("simulatedClock")] bool SimulatedClock,
    [property: JsonPropertyName("clock")] DateTimeOffset Clock,
    [property: JsonPropertyName("next")] DunningInstant? Next = null);
