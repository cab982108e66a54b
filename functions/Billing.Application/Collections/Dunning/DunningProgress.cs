using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// The custom status of an <see cref="InvoiceDunning"/> instance: the next business instant it waits for (null when it
/// waits for no instant: finished, or waiting for payment), the latest business instant it has seen, and whether it
/// waits for a payment or a payment plan (<see cref="AwaitingPayment"/>: its ladder has run and the invoice is still
/// unpaid; no timer runs). The simulated clock raises <c>clock</c> on the instances whose <see cref="NextAt"/> has come,
/// and waits until each has moved past it.
/// </summary>
public sealed record DunningProgress(
    [property: JsonPropertyName("nextAt")] DateTimeOffset? NextAt,
    [property: JsonPropertyName("clock")] DateTimeOffset Clock,
    [property: JsonPropertyName("awaitingPayment")] bool AwaitingPayment = false);
