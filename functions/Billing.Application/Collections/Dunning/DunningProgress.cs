using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// The custom status of an <see cref="InvoiceDunning"/> instance: the next business instant it waits for (null when it
/// waits for nothing: finished) and the latest business instant it has seen. The simulated clock raises <c>clock</c> on
/// the instances whose <see cref="NextAt"/> has come, and waits until each has moved past it.
/// </summary>
public sealed record DunningProgress(
    [property: JsonPropertyName("nextAt")] DateTimeOffset? NextAt,
    [property: JsonPropertyName("clock")] DateTimeOffset Clock);
