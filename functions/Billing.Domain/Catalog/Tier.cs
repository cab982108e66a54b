namespace Billing.Domain.Catalog;

/// <summary>
/// A price tier: quantities up to and including <see cref="UpTo"/> (null: no upper bound), each unit at
/// <see cref="UnitPrice"/>, plus <see cref="FlatAmount"/> once when the tier is entered (charged in full,
/// never prorated).
/// </summary>
public sealed record Tier(decimal? UpTo, decimal UnitPrice, decimal FlatAmount = 0m);
