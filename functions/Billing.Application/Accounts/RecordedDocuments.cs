using System.Text.Json.Serialization;

namespace Billing.Application.Accounts;

/// <summary>
/// Which documents priced a settled period, kept in its settlement snapshot: the catalog version and the customer documents
/// of the account's family (the invoiced customer first, then the pooled and separate children billed through it).
/// </summary>
public sealed record RecordedDocuments(
    [property: JsonPropertyName("catalogVersion")] long CatalogVersion,
    [property: JsonPropertyName("customers")] IReadOnlyList<RecordedCustomer> Customers);
