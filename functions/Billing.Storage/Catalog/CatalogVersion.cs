namespace Billing.Storage.Catalog;

/// <summary>One published catalog document. Versions count up from 1; none is ever changed or removed.</summary>
public sealed record CatalogVersion(long Version, DateTimeOffset PublishedAt, string Json);
