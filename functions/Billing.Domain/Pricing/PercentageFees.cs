namespace Billing.Domain.Pricing;

/// <summary>
/// How a <c>percentage</c> line came about: the period's events, how many were free, the billable value of
/// the paying events, the rate (percent) and the fixed fees (paying events × fixed amount). Unrounded.
/// </summary>
public sealed record PercentageFees(int Events, int FreeEvents, decimal BillableValue, decimal Rate, decimal FixedAmount, decimal FixedFees, decimal Amount);
