namespace Billing.Workflows.CreditLimits;

/// <summary>
/// Credit-limit standing of one invoiced customer: the period in which the 80 % warning was last given,
/// and whether the customer is suspended for exceeding the limit (tracked apart from dunning).
/// </summary>
public sealed record CreditLimitState(string? WarnedInPeriod, bool Suspended)
{
    public static CreditLimitState Initial { get; } = new(null, false);
}
