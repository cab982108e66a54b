namespace Billing.Functions.Security;

/// <summary>The result of checking a webhook signature header.</summary>
public enum SignatureVerdict
{
    Valid,
    Malformed,
    Stale,
    Mismatch,
}
