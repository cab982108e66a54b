namespace Billing.Domain.Catalog;

/// <summary>
/// A tier of <c>graduated_percentage</c>: the slice of the value up to and including <see cref="UpTo"/>
/// (null: no upper bound) pays <see cref="Rate"/> percent of itself, plus <see cref="FlatAmount"/> once when
/// the tier is entered (charged in full, never prorated).
/// </summary>
public sealed record PercentageTier(decimal? UpTo, decimal Rate, decimal FlatAmount = 0m);
