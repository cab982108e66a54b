using System.Text.Json.Serialization;

namespace Billing.Application.Collections.Dunning;

/// <summary>The output of a finished <see cref="InvoiceDunning"/> instance: the invoice, whether it ended paid, and the last business instant collected (null: none was).</summary>
public sealed record InvoiceDunningSummary(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("paid")] bool Paid,
    [property: JsonPropertyName("handledUntil")] DateTimeOffset? HandledUntil);
