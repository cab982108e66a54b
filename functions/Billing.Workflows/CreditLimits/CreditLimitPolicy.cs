namespace Billing.Workflows.CreditLimits;

/// <summary>
/// The credit-limit rules as a pure transition: after usage, exposure above 80 % of the limit warns once
/// per period and exposure above 100 % suspends (both in one check when one event crosses both); after a
/// payment, exposure at or under the limit restores a credit-limit suspension.
/// </summary>
public static class CreditLimitPolicy
{
    public const decimal WarningShare = 0.8m;

    public static (CreditLimitState State, IReadOnlyList<CreditLimitAction> Actions) Check(
        CreditLimitState state, decimal exposure, decimal limit, string period, CreditCheckTrigger trigger)
    {
        var actions = new List<CreditLimitAction>(2);
        var rising = trigger == CreditCheckTrigger.Usage;
        if (rising && exposure > limit * WarningShare && state.WarnedInPeriod != period)
        {
            state = state with { WarnedInPeriod = period };
            actions.Add(CreditLimitAction.Warn);
        }

        if (rising && exposure > limit && !state.Suspended)
        {
            state = state with { Suspended = true };
            actions.Add(CreditLimitAction.Suspend);
        }
        else if (trigger == CreditCheckTrigger.Payment && exposure <= limit && state.Suspended)
        {
            state = state with { Suspended = false };
            actions.Add(CreditLimitAction.Restore);
        }

        return (state, actions);
    }
}
