using System.Text.Json.Serialization;

namespace Billing.Application.Accounts;

/// <summary>A customer document as stored (scenario format, without its id) and when the customer was created (its default start).</summary>
public sealed record RecordedCustomer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("document")] string Document,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt);
