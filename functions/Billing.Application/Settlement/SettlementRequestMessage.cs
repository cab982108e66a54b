using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Application.Settlement;

/// <summary>
/// A message on the <c>settlements</c> queue: <c>{"customer", "traceparent"}</c>, the customer to settle and the W3C
/// <c>traceparent</c> of the run that requested it (the settlement continues its trace). A message that is just the
/// customer id (as queued before, or by hand) is read as that customer without a trace.
/// </summary>
public sealed record SettlementRequestMessage(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("traceparent")] string? TraceParent)
{
    /// <summary>The message text for <paramref name="customer"/>, carrying the current trace.</summary>
    public static string Format(string customer) =>
        JsonSerializer.Serialize(new SettlementRequestMessage(customer, Hosting.BillingTelemetry.TraceParent()));

    /// <summary>Reads a message: the JSON envelope, or a plain customer id.</summary>
    public static SettlementRequestMessage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith('{'))
        {
            try
            {
                if (JsonSerializer.Deserialize<SettlementRequestMessage>(text) is { Customer: { Length: > 0 } } message)
                {
                    return message;
                }
            }
            catch (JsonException)
            {
                // Not an envelope: taken as a customer id, which the settlement then finds unknown.
            }
        }

        return new SettlementRequestMessage(text, null);
    }
}
