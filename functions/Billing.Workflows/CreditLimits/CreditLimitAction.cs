namespace Billing.Workflows.CreditLimits;

/// <summary>What a credit check decided.</summary>
public enum CreditLimitAction
{
    /// <summary>Exposure rose above 80 % of the limit (once per period).</summary>
    Warn,

    /// <summary>Exposure rose above the limit.</summary>
    Suspend,

    /// <summary>A payment brought exposure back to or under the limit.</summary>
    Restore,
}
