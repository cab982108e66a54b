namespace Billing.Workflows.CreditLimits;

/// <summary>What caused a credit check: usage raises exposure, a payment lowers it.</summary>
public enum CreditCheckTrigger
{
    Usage,
    Payment,
}
