namespace Billing.Domain.Catalog;

/// <summary>A price tier: quantities up to and including <see cref="UpTo"/> (null: no upper bound).</summary>
public sealed record Tier(decimal? UpTo, decimal UnitPrice);
